// OpenAI Responses request → Anthropic Messages request. Latch keeps no conversation state for
// Claude, so `previous_response_id` and `conversation` are refused: answering without the
// history they name would be silently wrong.
import type { ThinkingConfigParam, ToolUnion } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";
import { isRecord, str, type JsonObject } from "../json";
import type { BuildRequestInput } from "../types";
import { toOutputFormat } from "./output-format";
import { translateInput } from "./responses-input";
import { customTool, functionTool, namespaceTools, toAnthropicToolChoice, webSearchTool } from "./tools";
import { DEFAULT_MAX_TOKENS, type AnthropicRequest } from "./turns";

/** Thinking budget per OpenAI reasoning effort; Anthropic's minimum budget is 1024. */
const THINKING_BUDGET: Record<string, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};
const MIN_THINKING_BUDGET = 1024;

function translateTools(tools: unknown): ToolUnion[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  return tools.flatMap((t, i): ToolUnion[] => {
    if (isRecord(t) && t.type === "function") return [functionTool(t, `tools[${i}]`)];
    if (isRecord(t) && t.type === "custom") return [customTool(t, `tools[${i}]`)];
    if (isRecord(t) && t.type === "namespace") return namespaceTools(t, `tools[${i}]`);
    if (isRecord(t) && (t.type === "web_search" || t.type === "web_search_preview")) return [webSearchTool(t)];
    const type = isRecord(t) ? String(t.type) : "?";
    throw new ProviderRequestError(
      `Tool type "${type}" is not supported for this model; only function, custom, namespace and web search tools are`,
      `tools[${i}]`,
    );
  });
}

/**
 * max_tokens covers thinking and answer together. With no client ceiling the answer keeps the
 * default room on top of the budget; under a client ceiling the budget shrinks to fit, and
 * thinking is left off when not even the minimum fits.
 */
function thinkingAndMaxTokens(body: JsonObject): { thinking?: ThinkingConfigParam; maxTokens: number } {
  const ceiling = typeof body.max_output_tokens === "number" ? body.max_output_tokens : null;
  const effort = isRecord(body.reasoning) ? str(body.reasoning.effort) : null;
  const budget = effort ? THINKING_BUDGET[effort] : undefined;
  if (!budget) return { maxTokens: ceiling ?? DEFAULT_MAX_TOKENS };
  if (ceiling === null) return { thinking: { type: "enabled", budget_tokens: budget }, maxTokens: budget + DEFAULT_MAX_TOKENS };
  const fitted = Math.min(budget, ceiling - 1);
  if (fitted < MIN_THINKING_BUDGET) return { maxTokens: ceiling };
  return { thinking: { type: "enabled", budget_tokens: fitted }, maxTokens: ceiling };
}

export function toAnthropicResponsesRequest(input: BuildRequestInput): AnthropicRequest {
  const body: JsonObject = input.body;
  for (const param of ["previous_response_id", "conversation"]) {
    if (body[param] !== undefined && body[param] !== null) {
      throw new ProviderRequestError(`${param} is not supported for this model: Latch does not store responses. Send the whole conversation in input.`, param);
    }
  }
  const { system, turns } = translateInput(body.input);
  if (typeof body.instructions === "string" && body.instructions) system.unshift(body.instructions);
  const output = toOutputFormat(isRecord(body.text) ? body.text.format : undefined, (f) => f, "text.format");
  if (output.instruction) system.push(output.instruction);
  const { thinking, maxTokens } = thinkingAndMaxTokens(body);

  const out: AnthropicRequest = { model: input.upstreamModel, max_tokens: maxTokens, messages: turns };
  if (system.length > 0) out.system = system.join("\n\n");
  if (thinking) out.thinking = thinking;
  if (typeof body.temperature === "number") out.temperature = body.temperature;
  if (typeof body.top_p === "number") out.top_p = body.top_p;
  const tools = translateTools(body.tools);
  if (tools) out.tools = tools;
  // Anthropic rejects tool_choice without tools, while OpenAI tolerates it.
  const toolChoice = tools ? toAnthropicToolChoice(body.tool_choice, body.parallel_tool_calls) : undefined;
  if (toolChoice) out.tool_choice = toolChoice;
  if (output.format) out.output_config = { format: output.format };
  // Anthropic's metadata holds only a user id; the client's metadata map is echoed on the response instead.
  const user = str(body.safety_identifier) ?? str(body.user);
  if (user) out.metadata = { user_id: user };
  if (input.stream) out.stream = true;
  return out;
}
