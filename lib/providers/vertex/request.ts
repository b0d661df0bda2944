// Vertex AI URLs and bodies: Gemini (and other publishers' models) through Vertex's
// OpenAI-compatible endpoint, Claude through Anthropic's Vertex format (rawPredict).
import { toAnthropicChatRequest } from "../anthropic/chat-translate";
import { toAnthropicResponsesRequest } from "../anthropic/responses-translate";
import { ProviderRequestError } from "../errors";
import { JSON_CONTENT_TYPE, resolveBaseUrl } from "../http";
import { str } from "../json";
import { buildOpenAIBody } from "../openai/request";
import { translateBetas } from "../anthropic/betas";
import { VERTEX_BETAS } from "./betas";
import type { BuildRequestInput, Credential, UpstreamRequest } from "../types";
import { parseServiceAccount } from "./token";

export const DEFAULT_VERTEX_REGION = "us-central1";
/** Anthropic's API version for Claude on Vertex; it goes in the body instead of a header. */
export const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

/** Claude models are served in Anthropic's format; everything else through the OpenAI-compatible endpoint. */
export const isClaudeModel = (model: string) => model.startsWith("claude-");

export function vertexRegion(credential: Credential): string {
  return str(credential.config.region)?.trim() || DEFAULT_VERTEX_REGION;
}

/** Regional hosts are `<region>-aiplatform…`; the global location has the bare host. */
export function vertexHost(region: string): string {
  return region === "global" ? "https://aiplatform.googleapis.com" : `https://${region}-aiplatform.googleapis.com`;
}

function locationUrl(credential: Credential): string {
  const region = vertexRegion(credential);
  const project = str(credential.config.project)?.trim() || parseServiceAccount(credential.secret).projectId;
  if (!project) throw new Error(`Vertex AI credential ${credential.id} has no project`);
  const base = resolveBaseUrl(credential, vertexHost(region));
  return `${base}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}`;
}

function anthropicBody(input: BuildRequestInput): Record<string, unknown> {
  if (input.endpoint === "messages") return { ...input.body };
  if (input.endpoint === "chat.completions") return { ...toAnthropicChatRequest(input) };
  if (input.endpoint === "responses") return { ...toAnthropicResponsesRequest(input) };
  throw new ProviderRequestError(`Claude on Vertex AI does not support ${input.endpoint}`, "model");
}

/** Betas Vertex accepts go in the header, as on Anthropic's API; the rest are dropped. */
function claudeHeaders(input: BuildRequestInput): Record<string, string> {
  const betas = translateBetas(input.clientHeaders?.anthropicBeta, VERTEX_BETAS);
  return betas.length ? { ...JSON_CONTENT_TYPE, "anthropic-beta": betas.join(",") } : { ...JSON_CONTENT_TYPE };
}

function claudeRequest(input: BuildRequestInput): UpstreamRequest {
  if (input.endpoint === "messages.count_tokens") {
    // Counting has one URL for every Claude model, which is named in the body instead.
    return {
      url: `${locationUrl(input.credential)}/publishers/anthropic/models/count-tokens:rawPredict`,
      method: "POST",
      headers: claudeHeaders(input),
      body: JSON.stringify({ ...input.body, model: input.upstreamModel, anthropic_version: VERTEX_ANTHROPIC_VERSION }),
    };
  }
  const anthropic: Record<string, unknown> = anthropicBody(input);
  // The model is in the URL; Vertex rejects it in the body.
  delete anthropic.model;
  const body = { ...anthropic, anthropic_version: VERTEX_ANTHROPIC_VERSION, ...(input.stream ? { stream: true } : {}) };
  // Vertex model ids carry a version after "@", which stays literal in the path.
  const model = encodeURIComponent(input.upstreamModel).replaceAll("%40", "@");
  const method = input.stream ? "streamRawPredict" : "rawPredict";
  return {
    url: `${locationUrl(input.credential)}/publishers/anthropic/models/${model}:${method}`,
    method: "POST",
    headers: input.endpoint === "messages" ? claudeHeaders(input) : { ...JSON_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

function openAICompatibleRequest(input: BuildRequestInput): UpstreamRequest {
  if (input.endpoint !== "chat.completions") {
    throw new ProviderRequestError(`This Vertex AI model supports only chat completions, not ${input.endpoint}`, "model");
  }
  // Vertex's OpenAI-compatible endpoint names models `<publisher>/<model>`; bare names are Google's.
  const model = input.upstreamModel.includes("/") ? input.upstreamModel : `google/${input.upstreamModel}`;
  return {
    url: `${locationUrl(input.credential)}/endpoints/openapi/chat/completions`,
    method: "POST",
    headers: { ...JSON_CONTENT_TYPE },
    body: buildOpenAIBody({ ...input, upstreamModel: model }),
  };
}

/** The unauthenticated request; authorizeRequest adds the access token. */
export function buildVertexRequest(input: BuildRequestInput): UpstreamRequest {
  return isClaudeModel(input.upstreamModel) ? claudeRequest(input) : openAICompatibleRequest(input);
}
