// The OpenAI Response object Latch builds from a Claude message, shared by the JSON answer and
// the stream's lifecycle events: request echoes, status, output items, usage.
import type {
  Response,
  ResponseCustomToolCall,
  ResponseFunctionToolCall,
  ResponseFunctionWebSearch,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseReasoningItem,
  ResponseUsage,
} from "openai/resources/responses/responses";
import { isRecord, str, type JsonObject } from "../json";
import type { BuildRequestInput, Usage } from "../types";
import { nowSeconds } from "./chat-response";
import { translateAnthropicError } from "./errors";
import { REDACTED_THINKING_PREFIX } from "./responses-input";
import { customInput, type NamespacedName } from "./tools";

/** `output_text` is a convenience the SDKs compute; it is not on the wire. */
export type WireResponse = Omit<Response, "output_text">;

export type Outcome = Pick<WireResponse, "status" | "incomplete_details">;

export function outcomeFor(stopReason: unknown): Outcome {
  if (stopReason === "max_tokens" || stopReason === "model_context_window_exceeded") {
    return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  }
  if (stopReason === "refusal") return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

export function toResponseUsage(usage: Usage): ResponseUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens,
      cache_write_tokens: (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0),
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** An Anthropic stream error event's error as a Response `error` (its code set is closed). */
export function toResponseError(err: unknown): NonNullable<WireResponse["error"]> {
  const translated = isRecord(err) ? translateAnthropicError(err) : null;
  const code = translated?.type === "rate_limit_error" ? "rate_limit_exceeded" : "server_error";
  return { code, message: translated?.message ?? "Upstream provider stream failed" };
}

/** The response skeleton: what the client asked for, echoed as OpenAI does. */
export function responseEnvelope(input: BuildRequestInput, id: string, model: string): WireResponse {
  const body = input.body;
  const text = isRecord(body.text) && isRecord(body.text.format) ? body.text.format : { type: "text" };
  return {
    id,
    object: "response",
    created_at: nowSeconds(),
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: str(body.instructions),
    max_output_tokens: typeof body.max_output_tokens === "number" ? body.max_output_tokens : null,
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : {},
    model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: null,
    reasoning: { effort: isRecord(body.reasoning) ? ((str(body.reasoning.effort) as "low" | null) ?? null) : null, summary: null },
    temperature: typeof body.temperature === "number" ? body.temperature : 1,
    text: { format: text as unknown as NonNullable<WireResponse["text"]>["format"] },
    tool_choice: (body.tool_choice ?? "auto") as WireResponse["tool_choice"],
    tools: (Array.isArray(body.tools) ? body.tools : []) as WireResponse["tools"],
    top_p: typeof body.top_p === "number" ? body.top_p : 1,
    truncation: "disabled",
    usage: undefined,
    ...(str(body.user) ? { user: str(body.user) ?? undefined } : {}),
  };
}

export const outputText = (text: string): ResponseOutputText => ({ type: "output_text", text, annotations: [], logprobs: [] });

export function messageItem(id: string, text: string, status: ResponseOutputMessage["status"]): ResponseOutputMessage {
  return { id, type: "message", role: "assistant", status, content: status === "in_progress" ? [] : [outputText(text)] };
}

/** The call's own name and, for a namespace member, its namespace. */
function callName(block: JsonObject, namespaced: ReadonlyMap<string, NamespacedName>): { name: string; namespace?: string } {
  const flat = str(block.name) ?? "";
  return namespaced.get(flat) ?? { name: flat };
}

export function functionCallItem(
  block: JsonObject,
  args: string,
  status: "in_progress" | "completed",
  namespaced: ReadonlyMap<string, NamespacedName> = NONE,
): ResponseFunctionToolCall {
  const callId = str(block.id) ?? "";
  return { id: `fc_${callId}`, type: "function_call", status, call_id: callId, ...callName(block, namespaced), arguments: args };
}

export function customToolCallItem(block: JsonObject, input: string, namespaced: ReadonlyMap<string, NamespacedName> = NONE): ResponseCustomToolCall {
  const callId = str(block.id) ?? "";
  return { id: `ctc_${callId}`, type: "custom_tool_call", call_id: callId, ...callName(block, namespaced), input };
}

const NONE: ReadonlyMap<string, NamespacedName> = new Map();

/** Claude's server-side search as the hosted web search call OpenAI clients know. */
export function webSearchCallItem(block: JsonObject): ResponseFunctionWebSearch {
  const query = isRecord(block.input) ? (str(block.input.query) ?? "") : "";
  return { id: str(block.id) ?? "", type: "web_search_call", status: "completed", action: { type: "search", query } };
}

/** Claude's thinking as a summary; its signature rides in encrypted_content to come back next turn. */
export function reasoningItem(id: string, text: string, sealed: string | null, done: boolean): ResponseReasoningItem {
  return {
    id,
    type: "reasoning",
    summary: done && text ? [{ type: "summary_text", text }] : [],
    encrypted_content: sealed,
    ...(done ? { status: "completed" } : {}),
  };
}

/** One output item per content block Latch can express; server tool blocks have no Responses form. */
export function outputItem(
  block: JsonObject,
  itemId: string,
  custom: Set<string>,
  namespaced: ReadonlyMap<string, NamespacedName> = NONE,
): ResponseOutputItem | null {
  if (block.type === "text") return messageItem(itemId, str(block.text) ?? "", "completed");
  if (block.type === "tool_use" && custom.has(str(block.name) ?? "")) return customToolCallItem(block, customInput(block.input), namespaced);
  if (block.type === "tool_use") return functionCallItem(block, JSON.stringify(block.input ?? {}), "completed", namespaced);
  if (block.type === "server_tool_use" && block.name === "web_search") return webSearchCallItem(block);
  if (block.type === "thinking") return reasoningItem(itemId, str(block.thinking) ?? "", str(block.signature), true);
  if (block.type === "redacted_thinking") return reasoningItem(itemId, "", REDACTED_THINKING_PREFIX + (str(block.data) ?? ""), true);
  return null;
}

/** Item ids derive from the message id, so a text item and its stream events agree. */
export function itemId(messageId: string, block: JsonObject, index: number): string {
  const suffix = messageId.replace(/^msg_/, "");
  return `${block.type === "thinking" || block.type === "redacted_thinking" ? "rs" : "msg"}_${suffix}_${index}`;
}
