// Anthropic Messages response → OpenAI chat.completion.
import type { ChatCompletion, ChatCompletionMessageToolCall } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { isRecord, str } from "../json";
import type { Usage } from "../types";
import { readAnthropicUsage } from "./usage";

type FinishReason = ChatCompletion.Choice["finish_reason"];

export function finishReasonFor(stopReason: unknown): FinishReason {
  switch (stopReason) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      // end_turn, stop_sequence, pause_turn
      return "stop";
  }
}

export function toChatUsage(usage: Usage): CompletionUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    ...(usage.reasoningTokens ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } } : {}),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function toChatCompletion(json: unknown): { body: ChatCompletion; usage: Usage | null } {
  const msg = isRecord(json) ? json : {};
  const blocks = Array.isArray(msg.content) ? msg.content.filter(isRecord) : [];
  let text = "";
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const block of blocks) {
    if (block.type === "text") text += str(block.text) ?? "";
    if (block.type === "tool_use") {
      toolCalls.push({
        id: str(block.id) ?? "",
        type: "function",
        function: { name: str(block.name) ?? "", arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const usage = readAnthropicUsage(msg.usage);
  const body: ChatCompletion = {
    id: str(msg.id) ?? "",
    object: "chat.completion",
    created: nowSeconds(),
    model: str(msg.model) ?? "",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: text || (toolCalls.length > 0 ? null : ""),
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReasonFor(msg.stop_reason),
      },
    ],
  };
  if (usage) body.usage = toChatUsage(usage);
  return { body, usage };
}
