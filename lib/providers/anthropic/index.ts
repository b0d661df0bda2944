import type { Endpoint, ProviderAdapter } from "../types";
import { ChatStreamTranslator } from "./chat-stream";
import { toChatCompletion } from "./chat-response";
import { toAnthropicChatRequest } from "./chat-translate";
import { mapAnthropicError } from "./errors";
import { buildMessagesBody, MessagesStreamTransformer, parseMessagesResponse } from "./messages";
import { ANTHROPIC_DEFAULT_BASE_URL, anthropicRequest } from "./request";
import { toResponse } from "./responses-response";
import { ResponsesStreamTranslator } from "./responses-stream";
import { toAnthropicResponsesRequest } from "./responses-translate";

const SUPPORTED = new Set<Endpoint>(["messages", "chat.completions", "responses", "messages.count_tokens"]);

function unsupported(endpoint: Endpoint): Error {
  return new Error(`Anthropic does not support ${endpoint}`);
}

/** Anthropic: native /v1/messages passthrough; chat.completions and Responses translated both ways. */
export const anthropicAdapter: ProviderAdapter = {
  id: "anthropic",
  displayName: "Anthropic",
  needsSecret: true,
  defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL,
  rateLimitHeaders: { format: "anthropic-api", prefix: "anthropic-ratelimit-" },

  supports: (endpoint) => SUPPORTED.has(endpoint),

  buildRequest(input) {
    if (input.endpoint === "messages") {
      return anthropicRequest(input.credential, "messages", buildMessagesBody(input), input.clientHeaders);
    }
    if (input.endpoint === "messages.count_tokens") {
      return anthropicRequest(input.credential, "messages/count_tokens", buildMessagesBody(input), input.clientHeaders);
    }
    if (input.endpoint === "chat.completions") {
      return anthropicRequest(input.credential, "messages", toAnthropicChatRequest(input));
    }
    if (input.endpoint === "responses") {
      return anthropicRequest(input.credential, "messages", toAnthropicResponsesRequest(input));
    }
    throw unsupported(input.endpoint);
  },

  parseResponse(endpoint, json, input) {
    if (endpoint === "messages") return parseMessagesResponse(json);
    // Counting is free: the count is the answer, not usage.
    if (endpoint === "messages.count_tokens") return { body: json, usage: null };
    if (endpoint === "chat.completions") return toChatCompletion(json);
    if (endpoint === "responses") return toResponse(json, input);
    throw unsupported(endpoint);
  },

  createStreamTransformer(endpoint, input) {
    if (endpoint === "messages") return new MessagesStreamTransformer();
    if (endpoint === "chat.completions") return new ChatStreamTranslator(input.clientWantsStreamUsage, input.costOf);
    if (endpoint === "responses") return new ResponsesStreamTranslator(input);
    throw unsupported(endpoint);
  },

  mapError: mapAnthropicError,

  buildModelsRequest: (credential) => anthropicRequest(credential, "models"),
};
