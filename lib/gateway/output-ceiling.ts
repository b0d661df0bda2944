// Worst-case sizing of a request before it is sent, so budgets can be reserved up front.
import { ENDPOINTS } from "@/lib/gateway/endpoints";
import type { Endpoint } from "@/lib/providers/types";

/**
 * Input tokens, over-estimated from the body size: tokenizers average 3–4 bytes of UTF-8 per
 * token on prose and code, and no common text falls under 2, so bytes / 2 (JSON framing
 * included) bounds the prompt without running a tokenizer on the hot path.
 */
export const worstCaseInputTokens = (bodyBytes: number) => Math.ceil(bodyBytes / 2);

/** A copy of the body whose output limit is at most `ceiling` (the client's own lower value wins). */
export function withOutputCeiling(endpoint: Endpoint, body: Record<string, unknown>, ceiling: number): Record<string, unknown> {
  const declared = ENDPOINTS[endpoint].outputField;
  if (!declared) return body;
  const field = endpoint === "chat.completions" && "max_tokens" in body ? "max_tokens" : declared;
  const current = body[field];
  if (typeof current === "number" && current <= ceiling) return body;
  return { ...body, [field]: ceiling };
}
