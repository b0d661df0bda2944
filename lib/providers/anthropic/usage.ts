// Usage in Anthropic's shape (Messages API; Bedrock Converse and Claude on Vertex are mapped to it).
import { isRecord, num, str, type JsonObject } from "../json";
import type { Usage } from "../types";
import { usageWith } from "../usage-classes";

/**
 * Anthropic's `input_tokens` excludes cached input; Latch's inputTokens is the whole prompt,
 * so cache reads and cache writes are added back in. Cache writes are split by TTL from
 * `cache_creation`; without that breakdown (older API versions, stream deltas) they are 5-minute
 * writes, the default TTL. Thinking is inside `output_tokens`, broken out in `output_tokens_details`.
 */
export function readAnthropicUsage(usage: unknown): Usage | null {
  if (!isRecord(usage) || typeof usage.input_tokens !== "number") return null;
  const cacheRead = num(usage.cache_read_input_tokens);
  const breakdown = isRecord(usage.cache_creation) ? usage.cache_creation : null;
  const write1h = breakdown ? num(breakdown.ephemeral_1h_input_tokens) : 0;
  const writes = Math.max(num(usage.cache_creation_input_tokens), write1h + (breakdown ? num(breakdown.ephemeral_5m_input_tokens) : 0));
  const output = num(usage.output_tokens);
  const details = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : null;
  const tools = isRecord(usage.server_tool_use) ? usage.server_tool_use : null;
  return usageWith(
    { inputTokens: usage.input_tokens + cacheRead + writes, outputTokens: output, cachedInputTokens: cacheRead },
    {
      cacheWrite5mTokens: writes - write1h,
      cacheWrite1hTokens: write1h,
      reasoningTokens: details ? Math.min(num(details.thinking_tokens), output) : 0,
      webSearchRequests: tools ? num(tools.web_search_requests) : 0,
      serviceTier: str(usage.service_tier),
    },
  );
}

const CUMULATIVE = ["input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "output_tokens"] as const;
const REPLACED = ["cache_creation", "output_tokens_details", "server_tool_use", "service_tier"] as const;

/**
 * Running usage across `message_start` and `message_delta`. Deltas restate cumulative counts
 * (output always; input, cache and server tools on newer API versions, null otherwise), so each
 * non-null field replaces the one before; the TTL breakdown only comes with message_start.
 */
export class AnthropicUsageTracker {
  private raw: JsonObject | null = null;
  private deltaSeen = false;

  onMessageStart(message: unknown): void {
    if (isRecord(message) && isRecord(message.usage)) this.raw = { ...message.usage };
  }

  onMessageDelta(usage: unknown): void {
    if (!isRecord(usage)) return;
    const next: JsonObject = { ...(this.raw ?? { input_tokens: 0 }) };
    for (const key of CUMULATIVE) if (typeof usage[key] === "number") next[key] = usage[key];
    for (const key of REPLACED) if (usage[key] !== undefined && usage[key] !== null) next[key] = usage[key];
    this.raw = next;
    this.deltaSeen = true;
  }

  get(): Usage | null {
    return this.raw ? readAnthropicUsage(this.raw) : null;
  }

  /** message_delta carries the final output count; before it, output is only message_start's guess. */
  final(): boolean {
    return this.deltaSeen;
  }
}
