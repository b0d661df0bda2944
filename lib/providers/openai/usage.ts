// Usage in the OpenAI wire formats, every billed class: Chat Completions / Completions /
// Embeddings (`prompt_tokens`, ...) and the Responses API (`input_tokens`, ...).
import { isRecord, num, str, type JsonObject } from "../json";
import type { Usage } from "../types";
import { usageWith } from "../usage-classes";

const detail = (details: unknown, key: string): number => (isRecord(details) ? num(details[key]) : 0);

/**
 * Reads a usage object alone. Embeddings have no completion tokens, which reads as 0. Some
 * OpenAI-compatible servers (Gemini's) leave thinking out of `completion_tokens` but count it in
 * `total_tokens`; output is then the total less the prompt, so reasoning is never dropped.
 */
export function readOpenAIUsage(usage: unknown): Usage | null {
  if (!isRecord(usage)) return null;
  if ("prompt_tokens" in usage) return readChatUsage(usage);
  if ("input_tokens" in usage) return readResponsesUsage(usage);
  return null;
}

function readChatUsage(usage: JsonObject): Usage {
  const input = num(usage.prompt_tokens);
  const completion = num(usage.completion_tokens);
  const total = num(usage.total_tokens);
  const out = usage.completion_tokens_details;
  const totals = {
    inputTokens: input,
    outputTokens: Math.max(completion, total - input),
    cachedInputTokens: detail(usage.prompt_tokens_details, "cached_tokens"),
  };
  return usageWith(totals, {
    audioInputTokens: detail(usage.prompt_tokens_details, "audio_tokens"),
    reasoningTokens: detail(out, "reasoning_tokens"),
    audioOutputTokens: detail(out, "audio_tokens"),
  });
}

function readResponsesUsage(usage: JsonObject): Usage {
  const totals = {
    inputTokens: num(usage.input_tokens),
    outputTokens: num(usage.output_tokens),
    cachedInputTokens: detail(usage.input_tokens_details, "cached_tokens"),
  };
  return usageWith(totals, { reasoningTokens: detail(usage.output_tokens_details, "reasoning_tokens") });
}

/**
 * Reads the usage of a whole answer: a chat completion, a usage chunk or a Responses `response`.
 * The service tier sits beside usage, and web searches are billed per call: one
 * `web_search_call` output item each.
 */
export function readOpenAIAnswerUsage(answer: unknown): Usage | null {
  if (!isRecord(answer)) return null;
  const usage = readOpenAIUsage(answer.usage);
  if (!usage) return null;
  const searches = Array.isArray(answer.output) ? answer.output.filter((item) => isRecord(item) && item.type === "web_search_call").length : 0;
  if (searches > 0) usage.webSearchRequests = searches;
  const tier = str(answer.service_tier);
  if (tier) usage.serviceTier = tier;
  return usage;
}
