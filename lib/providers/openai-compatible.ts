import { JSON_CONTENT_TYPE, resolveBaseUrl } from "./http";
import { mapOpenAIError } from "./openai/errors";
import { bearerAuth, buildOpenAIBody, openAIPath, type OpenAIEndpoint } from "./openai/request";
import { parseOpenAIResponse } from "./openai/response";
import { createOpenAIStreamTransformer } from "./openai/stream";
import type { BuildRequestInput, Credential, Endpoint, ProviderAdapter, UpstreamRequest } from "./types";

/** What an OpenAI-compatible provider declares; everything else is the OpenAI wire format. */
export type OpenAICompatibleSpec = {
  id: string;
  displayName: string;
  defaultBaseUrl: string | null;
  endpoints: readonly OpenAIEndpoint[];
  /** Defaults to true. */
  needsSecret?: boolean;
  /** Upstream URL for an endpoint; defaults to `{base}/{path}`, e.g. `{base}/chat/completions`. */
  endpointUrl?: (base: string, path: string, input: BuildRequestInput) => string;
  /** Auth headers; defaults to `Authorization: Bearer <secret>`. */
  authHeaders?: (credential: Credential) => Record<string, string>;
  /** URL listing models for "test connection"; defaults to `{base}/models`, null for none. */
  modelsUrl?: ((base: string, credential: Credential) => string) | null;
};

export function createOpenAICompatibleAdapter(spec: OpenAICompatibleSpec): ProviderAdapter {
  const supported = new Set<Endpoint>(spec.endpoints);
  const auth = spec.authHeaders ?? bearerAuth;
  const endpointUrl = spec.endpointUrl ?? ((base: string, path: string) => `${base}/${path}`);
  const modelsUrl = spec.modelsUrl === undefined ? (base: string) => `${base}/models` : spec.modelsUrl;

  return {
    id: spec.id,
    displayName: spec.displayName,
    needsSecret: spec.needsSecret ?? true,
    defaultBaseUrl: spec.defaultBaseUrl,
    rateLimitHeaders: { format: "openai-api", prefix: "x-ratelimit-" },

    supports: (endpoint) => supported.has(endpoint),

    buildRequest(input): UpstreamRequest {
      if (!supported.has(input.endpoint)) {
        throw new Error(`${spec.displayName} does not support ${input.endpoint}`);
      }
      const base = resolveBaseUrl(input.credential, spec.defaultBaseUrl);
      const url = endpointUrl(base, openAIPath(input.endpoint, input.resource), input);
      if (input.endpoint === "responses.retrieve") return { url, method: "GET", headers: auth(input.credential) };
      return { url, method: "POST", headers: { ...JSON_CONTENT_TYPE, ...auth(input.credential) }, body: buildOpenAIBody(input) };
    },

    parseResponse: (endpoint, json) => parseOpenAIResponse(endpoint, json),
    createStreamTransformer: createOpenAIStreamTransformer,
    mapError: mapOpenAIError,

    buildModelsRequest(credential) {
      if (!modelsUrl) return null;
      const base = resolveBaseUrl(credential, spec.defaultBaseUrl);
      return { url: modelsUrl(base, credential), method: "GET", headers: auth(credential) };
    },
  };
}
