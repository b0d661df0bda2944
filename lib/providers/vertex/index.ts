import { toChatCompletion } from "../anthropic/chat-response";
import { ChatStreamTranslator } from "../anthropic/chat-stream";
import { mapAnthropicError } from "../anthropic/errors";
import { MessagesStreamTransformer, parseMessagesResponse } from "../anthropic/messages";
import { toResponse } from "../anthropic/responses-response";
import { ResponsesStreamTranslator } from "../anthropic/responses-stream";
import { isRecord, tryParseJson } from "../json";
import { mapOpenAIError } from "../openai/errors";
import { parseOpenAIResponse } from "../openai/response";
import { createOpenAIStreamTransformer } from "../openai/stream";
import type { Endpoint, ProviderAdapter, ProviderError } from "../types";
import { buildVertexRequest, DEFAULT_VERTEX_REGION, isClaudeModel, vertexHost } from "./request";
import { vertexAccessToken } from "./token";
import { vertexCredentialRules } from "./credential-rules";

// Responses is Claude-only here; a Gemini model answers a 400 from buildRequest.
const SUPPORTED = new Set<Endpoint>(["chat.completions", "messages", "responses", "messages.count_tokens"]);

/** Claude errors come in Anthropic's shape, the rest in Google's `{error: {code, message, status}}`. */
function mapVertexError(status: number, bodyText: string): ProviderError {
  const json = tryParseJson(bodyText);
  const anthropicShape = isRecord(json) && json.type === "error" && isRecord(json.error) && typeof json.error.type === "string";
  return anthropicShape ? mapAnthropicError(status, bodyText) : mapOpenAIError(status, bodyText);
}

/**
 * Google Vertex AI with a service-account key: Gemini through Vertex's OpenAI-compatible
 * endpoint, Claude through Anthropic's Vertex format; chosen by the upstream model's name.
 */
export const vertexAdapter: ProviderAdapter = {
  id: "vertex",
  displayName: "Google Vertex AI",
  needsSecret: true,
  // The default region's host; the region in the credential's config picks the real one.
  defaultBaseUrl: vertexHost(DEFAULT_VERTEX_REGION),

  credentialRules: vertexCredentialRules,

  supports: (endpoint) => SUPPORTED.has(endpoint),

  buildRequest: buildVertexRequest,

  async authorizeRequest(request, input) {
    const token = await vertexAccessToken(input.credential);
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  },

  parseResponse(endpoint, json, input) {
    if (!isClaudeModel(input.upstreamModel)) return parseOpenAIResponse(endpoint, json);
    if (endpoint === "messages.count_tokens") return { body: json, usage: null };
    if (endpoint === "messages") return parseMessagesResponse(json);
    return endpoint === "responses" ? toResponse(json, input) : toChatCompletion(json);
  },

  createStreamTransformer(endpoint, input) {
    if (!isClaudeModel(input.upstreamModel)) return createOpenAIStreamTransformer(endpoint, input);
    if (endpoint === "messages") return new MessagesStreamTransformer();
    return endpoint === "responses" ? new ResponsesStreamTranslator(input) : new ChatStreamTranslator(input.clientWantsStreamUsage, input.costOf);
  },

  mapError: mapVertexError,

  // "Test connection" mints a token through authorizeRequest: that proves the key, at no cost.
  buildModelsRequest: () => null,
};
