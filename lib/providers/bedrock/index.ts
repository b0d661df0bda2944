import { ChatStreamTranslator } from "../anthropic/chat-stream";
import { toChatCompletion } from "../anthropic/chat-response";
import { toAnthropicChatRequest } from "../anthropic/chat-translate";
import { MessagesStreamTransformer } from "../anthropic/messages";
import { toResponse } from "../anthropic/responses-response";
import { ResponsesStreamTranslator } from "../anthropic/responses-stream";
import { toAnthropicResponsesRequest } from "../anthropic/responses-translate";
import { readAnthropicUsage } from "../anthropic/usage";
import { JSON_CONTENT_TYPE, resolveBaseUrl } from "../http";
import { isRecord } from "../json";
import type { BuildRequestInput, Credential, Endpoint, ProviderAdapter } from "../types";
import { toConverseRequest, type ConverseRequest } from "./converse-request";
import { toAnthropicMessage, toAnthropicUsage } from "./converse-response";
import { ConverseStreamTransformer } from "./converse-stream";
import { bedrockRegion, DEFAULT_REGION, resolveAwsKeys } from "./credentials";
import { mapBedrockError } from "./errors";
import { EVENT_STREAM_CONTENT_TYPE, EventStreamDecoder } from "./event-stream";
import { signUpstreamRequest } from "./sign";
import { translateBetas } from "../anthropic/betas";
import { BEDROCK_BETAS } from "./betas";
import { bedrockCredentialRules } from "./credential-rules";

const SUPPORTED = new Set<Endpoint>(["messages", "chat.completions", "responses", "messages.count_tokens"]);
const GENERATING = new Set<Endpoint>(["messages", "chat.completions", "responses"]);

const runtimeUrl = (region: string) => `https://bedrock-runtime.${region}.amazonaws.com`;

function unsupported(endpoint: Endpoint): Error {
  return new Error(`Amazon Bedrock does not support ${endpoint}`);
}

/** The runtime endpoint of the credential's region, unless the credential overrides it. */
export function bedrockBaseUrl(credential: Credential): string {
  return resolveBaseUrl(credential, runtimeUrl(bedrockRegion(credential)));
}

/** The client set no output ceiling, so the one in the translated Messages request was invented. */
function inventedMaxTokens(input: BuildRequestInput, thinking: boolean): boolean {
  const { body } = input;
  if (input.endpoint === "responses") return body.max_output_tokens === undefined && !thinking;
  return body.max_tokens === undefined && body.max_completion_tokens === undefined;
}

/** Claude's betas travel in its model request fields; other Bedrock models take none. */
function withBetas(converse: ConverseRequest, input: BuildRequestInput): ConverseRequest {
  const betas = /anthropic|claude/.test(input.upstreamModel) ? translateBetas(input.clientHeaders?.anthropicBeta, BEDROCK_BETAS) : [];
  if (betas.length === 0) return converse;
  return { ...converse, additionalModelRequestFields: { ...converse.additionalModelRequestFields, anthropic_beta: betas } };
}

function converseBody(input: BuildRequestInput): string {
  if (input.endpoint === "messages") return JSON.stringify(withBetas(toConverseRequest(input.body), input));
  if (input.endpoint === "messages.count_tokens") {
    // CountTokens takes the Converse request's messages and system prompt.
    const { messages, system } = toConverseRequest(input.body);
    return JSON.stringify({ input: { converse: { messages, ...(system ? { system } : {}) } } });
  }
  if (input.endpoint !== "chat.completions" && input.endpoint !== "responses") throw unsupported(input.endpoint);
  // OpenAI → Anthropic Messages (shared with the Anthropic adapter) → Converse.
  const messages = input.endpoint === "responses" ? toAnthropicResponsesRequest(input) : toAnthropicChatRequest(input);
  const converse = toConverseRequest(messages);
  // The Messages translation has to invent max_tokens; Converse does not need one, and the
  // invented value can exceed smaller models' limits (Llama's is 2048). A thinking budget needs it.
  if (inventedMaxTokens(input, messages.thinking !== undefined) && converse.inferenceConfig) {
    const { maxTokens: _invented, ...rest } = converse.inferenceConfig;
    if (Object.keys(rest).length > 0) converse.inferenceConfig = rest;
    else delete converse.inferenceConfig;
  }
  return JSON.stringify(converse);
}

/**
 * Amazon Bedrock through the Converse / ConverseStream APIs, for /v1/messages,
 * /v1/chat/completions and /v1/responses alike, SigV4-signed with the credential's keys or an assumed role.
 */
export const bedrockAdapter: ProviderAdapter = {
  id: "bedrock",
  displayName: "Amazon Bedrock",
  needsSecret: true,
  // The default region's host; the region in the credential's config picks the real one.
  defaultBaseUrl: runtimeUrl(DEFAULT_REGION),

  credentialRules: bedrockCredentialRules,

  supports: (endpoint) => SUPPORTED.has(endpoint),

  buildRequest(input) {
    const model = encodeURIComponent(input.upstreamModel);
    const operation = input.endpoint === "messages.count_tokens" ? "count-tokens" : input.stream ? "converse-stream" : "converse";
    return {
      url: `${bedrockBaseUrl(input.credential)}/model/${model}/${operation}`,
      method: "POST",
      headers: { ...JSON_CONTENT_TYPE, accept: input.stream ? EVENT_STREAM_CONTENT_TYPE : "application/json" },
      body: converseBody(input),
    };
  },

  async authorizeRequest(request, input) {
    const keys = await resolveAwsKeys(input.credential);
    return signUpstreamRequest(request, keys, bedrockRegion(input.credential));
  },

  parseResponse(endpoint, json, input) {
    if (endpoint === "messages.count_tokens") {
      const count = isRecord(json) && typeof json.inputTokens === "number" ? json.inputTokens : null;
      if (count === null) throw new Error("Bedrock CountTokens answered without inputTokens");
      return { body: { input_tokens: count }, usage: null };
    }
    const message = toAnthropicMessage(json, input.upstreamModel);
    // Read from Bedrock's own usage so a response without any is estimated, not metered as zero.
    const usage = readAnthropicUsage(toAnthropicUsage(isRecord(json) ? json.usage : null));
    if (endpoint === "messages") return { body: message, usage };
    if (endpoint === "chat.completions") return { body: toChatCompletion(message).body, usage };
    if (endpoint === "responses") return { body: toResponse(message, input).body, usage };
    throw unsupported(endpoint);
  },

  createStreamTransformer(endpoint, input) {
    if (!GENERATING.has(endpoint)) throw unsupported(endpoint);
    const inner =
      endpoint === "messages"
        ? new MessagesStreamTransformer()
        : endpoint === "responses"
          ? new ResponsesStreamTranslator(input)
          : new ChatStreamTranslator(input.clientWantsStreamUsage, input.costOf);
    return new ConverseStreamTransformer(inner, input.upstreamModel);
  },

  streamFormat: { contentType: EVENT_STREAM_CONTENT_TYPE, createDecoder: () => new EventStreamDecoder() },

  mapError: mapBedrockError,

  // Listing models is a control-plane call (another host, other IAM permissions); signing
  // proves nothing on its own, so "test connection" sends a one-token Converse to a routed model.
  buildModelsRequest: () => null,
  buildTestRequest: (input) => (input.upstreamModel ? bedrockAdapter.buildRequest({ ...input, endpoint: "chat.completions", stream: false }) : null),
};
