// Worst-case sizing of a request before it is sent, so budgets can be reserved up front.
import type { Endpoint } from "@/lib/providers/types";

/**
 * Input tokens, over-estimated from the body size: tokenizers average 3–4 bytes of UTF-8 per
 * token on prose and code, and no common text falls under 2, so bytes / 2 (JSON framing
 * included) bounds the prompt without running a tokenizer on the hot path.
 */
export const worstCaseInputTokens = (bodyBytes: number) => Math.ceil(bodyBytes / 2);

const FIELD: Record<Exclude<Endpoint, "embeddings">, string> = {
  // OpenAI's reasoning models reject max_tokens; every current chat API accepts this name.
  "chat.completions": "max_completion_tokens",
  completions: "max_tokens",
  responses: "max_output_tokens",
  messages: "max_tokens",
};

/** A copy of the body whose output limit is at most `ceiling` (the client's own lower value wins). */
export function withOutputCeiling(endpoint: Exclude<Endpoint, "embeddings">, body: Record<string, unknown>, ceiling: number): Record<string, unknown> {
  const field = endpoint === "chat.completions" && "max_tokens" in body ? "max_tokens" : FIELD[endpoint];
  const current = body[field];
  if (typeof current === "number" && current <= ceiling) return body;
  return { ...body, [field]: ceiling };
}
