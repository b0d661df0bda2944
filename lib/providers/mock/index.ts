import { isRecord, tryParseJson } from "../json";
import { JSON_CONTENT_TYPE } from "../http";
import { buildMessagesBody, MessagesStreamTransformer, parseMessagesResponse } from "../anthropic/messages";
import { mapOpenAIError } from "../openai/errors";
import { buildOpenAIBody, openAIPath } from "../openai/request";
import { parseOpenAIResponse } from "../openai/response";
import { createOpenAIStreamTransformer } from "../openai/stream";
import type { Endpoint, ProviderAdapter } from "../types";
import { mockAnthropicResponse } from "./anthropic-wire";
import { jsonResponse } from "./http";
import { mockOpenAIResponse } from "./openai-wire";

/** Informational only: the mock is never reached over the network. */
const MOCK_URL = "mock://local/v1";
// It generates; it cannot count tokens, compact or keep responses, so those are refused cleanly.
const SUPPORTED = new Set<Endpoint>(["chat.completions", "responses", "embeddings", "completions", "messages"]);

/**
 * Built-in echo provider. It speaks OpenAI's wire format (and Anthropic's for /v1/messages),
 * reusing those adapters' request, parse and stream code so the mock exercises the real pipeline.
 */
export const mockAdapter: ProviderAdapter = {
  id: "mock",
  displayName: "Mock (echo)",
  needsSecret: false,
  defaultBaseUrl: null,

  supports: (endpoint) => SUPPORTED.has(endpoint),

  buildRequest(input) {
    const messages = input.endpoint === "messages";
    return {
      url: `${MOCK_URL}/${messages ? "messages" : openAIPath(input.endpoint)}`,
      method: "POST",
      headers: { ...JSON_CONTENT_TYPE },
      body: messages ? JSON.stringify(buildMessagesBody(input)) : buildOpenAIBody(input),
    };
  },

  parseResponse: (endpoint, json) => (endpoint === "messages" ? parseMessagesResponse(json) : parseOpenAIResponse(endpoint, json)),

  createStreamTransformer: (endpoint, input) => (endpoint === "messages" ? new MessagesStreamTransformer() : createOpenAIStreamTransformer(endpoint, input)),

  mapError: mapOpenAIError,

  async invokeLocal(request, input) {
    const body = request.body === undefined ? undefined : tryParseJson(request.body);
    if (!isRecord(body)) {
      return jsonResponse({ error: { message: "Request body must be a JSON object", type: "invalid_request_error" } }, 400);
    }
    return input.endpoint === "messages" ? mockAnthropicResponse(body, input.upstreamModel) : mockOpenAIResponse(input.endpoint, body, input.upstreamModel);
  },

  buildModelsRequest: () => null,
};
