import { isRecord, num } from "../json";
import type { Usage } from "../types";

/**
 * Anthropic's `input_tokens` excludes cached input; Latch's inputTokens is the whole prompt,
 * so cache reads and cache writes are added back in (reads are also reported as cached).
 */
export function readAnthropicUsage(usage: unknown): Usage | null {
  if (!isRecord(usage) || typeof usage.input_tokens !== "number") return null;
  const cacheRead = num(usage.cache_read_input_tokens);
  return {
    inputTokens: usage.input_tokens + cacheRead + num(usage.cache_creation_input_tokens),
    outputTokens: num(usage.output_tokens),
    cachedInputTokens: cacheRead,
  };
}

/** Running usage across `message_start` (input) and `message_delta` (cumulative output) events. */
export class AnthropicUsageTracker {
  private current: Usage | null = null;

  onMessageStart(message: unknown): void {
    if (isRecord(message)) this.current = readAnthropicUsage(message.usage) ?? this.current;
  }

  onMessageDelta(usage: unknown): void {
    if (!isRecord(usage)) return;
    // Newer API versions may restate input counts in message_delta; they are cumulative too.
    const restated = readAnthropicUsage(usage);
    const base = restated ?? this.current ?? { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
    this.current = {
      ...base,
      outputTokens: typeof usage.output_tokens === "number" ? usage.output_tokens : base.outputTokens,
    };
  }

  get(): Usage | null {
    return this.current;
  }
}
