// OpenAI chat.completions request → Anthropic Messages request.
import type { ContentBlockParam, Tool, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";
import { isRecord, str, type JsonObject } from "../json";
import type { BuildRequestInput } from "../types";
import { imageBlock, pdfBlock } from "./media";
import { toOutputFormat } from "./output-format";
import { functionTool, toAnthropicToolChoice } from "./tools";
import { appendTurn, DEFAULT_MAX_TOKENS, type AnthropicRequest, type Turn } from "./turns";

export { DEFAULT_MAX_TOKENS };

function partToBlock(part: unknown, param: string): ContentBlockParam | null {
  if (!isRecord(part)) throw new ProviderRequestError("Invalid content part", param);
  if (part.type === "text" || part.type === "refusal") {
    const text = str(part.text) ?? str(part.refusal) ?? "";
    return text ? { type: "text", text } : null;
  }
  if (part.type === "image_url") {
    const url = isRecord(part.image_url) ? str(part.image_url.url) : str(part.image_url);
    if (!url) throw new ProviderRequestError("image_url.url is required", param);
    return imageBlock(url, param);
  }
  const pdf = part.type === "file" && isRecord(part.file) ? pdfBlock(str(part.file.file_data)) : null;
  if (pdf) return pdf;
  throw new ProviderRequestError(`Content part type "${String(part.type)}" is not supported by this model`, param);
}

function contentBlocks(content: unknown, param: string): ContentBlockParam[] {
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (content == null) return [];
  if (!Array.isArray(content)) throw new ProviderRequestError("Invalid message content", param);
  return content.flatMap((p, i) => partToBlock(p, `${param}[${i}]`) ?? []);
}

function textOf(content: unknown, param: string): string {
  return contentBlocks(content, param)
    .map((b) => (b.type === "text" ? b.text : ""))
    .join("");
}

function toolUseBlocks(toolCalls: unknown, param: string): ContentBlockParam[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.map((call, i) => {
    const fn = isRecord(call) && isRecord(call.function) ? call.function : null;
    const id = isRecord(call) ? str(call.id) : null;
    const name = fn ? str(fn.name) : null;
    if (!fn || !id || !name) throw new ProviderRequestError("Invalid tool call", `${param}[${i}]`);
    const args = str(fn.arguments)?.trim() || "{}";
    let input: unknown;
    try {
      input = JSON.parse(args);
    } catch {
      throw new ProviderRequestError("Tool call arguments must be valid JSON", `${param}[${i}].function.arguments`);
    }
    return { type: "tool_use", id, name, input: isRecord(input) ? input : {} };
  });
}

function translateMessages(messages: unknown[]): { system: string[]; turns: Turn[] } {
  const system: string[] = [];
  const turns: Turn[] = [];
  messages.forEach((m, i) => {
    const param = `messages[${i}]`;
    if (!isRecord(m)) throw new ProviderRequestError("Invalid message", param);
    if (m.role === "system" || m.role === "developer") {
      const text = textOf(m.content, `${param}.content`);
      if (text) system.push(text);
    } else if (m.role === "user") {
      const blocks = contentBlocks(m.content, `${param}.content`);
      // Keep a plain string when possible: identical semantics, smaller upstream body.
      if (typeof m.content === "string" && turns.at(-1)?.role !== "user") {
        if (m.content) turns.push({ role: "user", content: m.content });
      } else appendTurn(turns, "user", blocks);
    } else if (m.role === "assistant") {
      const blocks = contentBlocks(m.content, `${param}.content`);
      appendTurn(turns, "assistant", [...blocks, ...toolUseBlocks(m.tool_calls, `${param}.tool_calls`)]);
    } else if (m.role === "tool") {
      const toolUseId = str(m.tool_call_id);
      if (!toolUseId) throw new ProviderRequestError("tool_call_id is required", `${param}.tool_call_id`);
      const content = typeof m.content === "string" ? m.content : contentBlocks(m.content, `${param}.content`);
      const result: ToolResultBlockParam = {
        type: "tool_result",
        tool_use_id: toolUseId,
        content: content as ToolResultBlockParam["content"],
      };
      appendTurn(turns, "user", [result]);
    } else {
      throw new ProviderRequestError(`Message role "${String(m.role)}" is not supported by this model`, `${param}.role`);
    }
  });
  return { system, turns };
}

function translateTools(tools: unknown): Tool[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  return tools.map((t, i) => {
    const fn = isRecord(t) && t.type === "function" && isRecord(t.function) ? t.function : null;
    if (!fn) throw new ProviderRequestError("Only function tools are supported", `tools[${i}]`);
    return functionTool(fn, `tools[${i}]`);
  });
}

export function toAnthropicChatRequest(input: BuildRequestInput): AnthropicRequest {
  const body: JsonObject = input.body;
  if (!Array.isArray(body.messages)) throw new ProviderRequestError("messages must be an array", "messages");
  if (typeof body.n === "number" && body.n > 1) {
    throw new ProviderRequestError("n > 1 is not supported by this model", "n");
  }
  const { system, turns } = translateMessages(body.messages);
  const output = toOutputFormat(body.response_format, (f) => f.json_schema, "response_format");
  if (output.instruction) system.push(output.instruction);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const out: AnthropicRequest = {
    model: input.upstreamModel,
    max_tokens: typeof maxTokens === "number" ? maxTokens : DEFAULT_MAX_TOKENS,
    messages: turns,
  };
  if (system.length > 0) out.system = system.join("\n\n");
  if (typeof body.temperature === "number") out.temperature = body.temperature;
  if (typeof body.top_p === "number") out.top_p = body.top_p;
  const stop = typeof body.stop === "string" ? [body.stop] : body.stop;
  if (Array.isArray(stop) && stop.length > 0) out.stop_sequences = stop.filter((s) => typeof s === "string");
  const tools = translateTools(body.tools);
  if (tools) out.tools = tools;
  // Anthropic rejects tool_choice without tools, while OpenAI tolerates it.
  const toolChoice = tools ? toAnthropicToolChoice(body.tool_choice, body.parallel_tool_calls) : undefined;
  if (toolChoice) out.tool_choice = toolChoice;
  if (output.format) out.output_config = { format: output.format };
  if (typeof body.user === "string") out.metadata = { user_id: body.user };
  if (input.stream) out.stream = true;
  return out;
}
