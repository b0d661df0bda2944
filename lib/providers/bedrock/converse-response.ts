// Bedrock Converse response → Anthropic Messages response. Chat completions are then made from
// that by the Anthropic adapter's own Messages→chat translation.
import { randomUUID } from "node:crypto";
import { isRecord, num, str, type JsonObject } from "../json";

/** Converse stop reasons → Anthropic's; the content filters read as a refusal. */
export function toAnthropicStopReason(stopReason: unknown): string {
  switch (stopReason) {
    case "tool_use":
    case "max_tokens":
    case "stop_sequence":
    case "model_context_window_exceeded":
      return stopReason;
    case "guardrail_intervened":
    case "content_filtered":
      return "refusal";
    default:
      return "end_turn";
  }
}

/**
 * Converse usage → Anthropic's usage shape. Like Anthropic, Bedrock counts cache reads and
 * writes apart from `inputTokens`, so the fields map one to one and the Anthropic usage reader
 * adds them back into Latch's whole-prompt inputTokens. `cacheDetails` splits the writes by TTL
 * (`5m`, `1h`), as Anthropic's `cache_creation` does.
 */
export function toAnthropicUsage(usage: unknown): JsonObject | null {
  if (!isRecord(usage) || typeof usage.inputTokens !== "number") return null;
  const mapped: JsonObject = {
    input_tokens: usage.inputTokens,
    output_tokens: num(usage.outputTokens),
    cache_read_input_tokens: num(usage.cacheReadInputTokens),
    cache_creation_input_tokens: num(usage.cacheWriteInputTokens),
  };
  if (Array.isArray(usage.cacheDetails)) {
    const details: unknown[] = usage.cacheDetails;
    const byTtl = (ttl: string) => details.reduce((sum: number, d) => sum + (isRecord(d) && d.ttl === ttl ? num(d.inputTokens) : 0), 0);
    mapped.cache_creation = { ephemeral_5m_input_tokens: byTtl("5m"), ephemeral_1h_input_tokens: byTtl("1h") };
  }
  return mapped;
}

/** Converse has no message id; clients expect one, so one is made up in Anthropic's style. */
export function newMessageId(): string {
  return `msg_bdrk_${randomUUID().replaceAll("-", "")}`;
}

/** One Converse content block → an Anthropic content block (null for blocks with no equivalent). */
function toAnthropicBlock(block: JsonObject): JsonObject | null {
  if (typeof block.text === "string") return { type: "text", text: block.text };
  if (isRecord(block.toolUse)) {
    const { toolUseId, name, input } = block.toolUse;
    return { type: "tool_use", id: str(toolUseId) ?? "", name: str(name) ?? "", input: isRecord(input) ? input : {} };
  }
  const reasoning = isRecord(block.reasoningContent) ? block.reasoningContent : null;
  if (reasoning && isRecord(reasoning.reasoningText)) {
    return { type: "thinking", thinking: str(reasoning.reasoningText.text) ?? "", signature: str(reasoning.reasoningText.signature) ?? "" };
  }
  if (reasoning && typeof reasoning.redactedContent === "string") return { type: "redacted_thinking", data: reasoning.redactedContent };
  return null;
}

export function toAnthropicMessage(json: unknown, model: string): JsonObject {
  const root = isRecord(json) ? json : {};
  const output = isRecord(root.output) ? root.output : {};
  const message = isRecord(output.message) ? output.message : {};
  const blocks = Array.isArray(message.content) ? message.content.filter(isRecord) : [];
  return {
    id: newMessageId(),
    type: "message",
    role: "assistant",
    model,
    content: blocks.flatMap((b) => toAnthropicBlock(b) ?? []),
    stop_reason: toAnthropicStopReason(root.stopReason),
    stop_sequence: null,
    usage: toAnthropicUsage(root.usage) ?? { input_tokens: 0, output_tokens: 0 },
  };
}
