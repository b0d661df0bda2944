import { isRecord, num } from "../json";
import type { Usage } from "../types";

/**
 * Reads either OpenAI usage shape: Chat/Completions/Embeddings (`prompt_tokens`, ...) or the
 * Responses API (`input_tokens`, ...). Embeddings have no completion tokens, which reads as 0.
 */
export function readOpenAIUsage(usage: unknown): Usage | null {
  if (!isRecord(usage)) return null;
  const chatShape = "prompt_tokens" in usage;
  if (!chatShape && !("input_tokens" in usage)) return null;
  const details = chatShape ? usage.prompt_tokens_details : usage.input_tokens_details;
  return {
    inputTokens: num(chatShape ? usage.prompt_tokens : usage.input_tokens),
    outputTokens: num(chatShape ? usage.completion_tokens : usage.output_tokens),
    cachedInputTokens: isRecord(details) ? num(details.cached_tokens) : 0,
  };
}
