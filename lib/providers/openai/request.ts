import { isRecord } from "../json";
import type { BuildRequestInput, Credential, Endpoint } from "../types";

/** Endpoints in OpenAI's wire format and their paths under the base URL. */
export const OPENAI_PATHS = {
  "chat.completions": "chat/completions",
  responses: "responses",
  embeddings: "embeddings",
  completions: "completions",
  "responses.retrieve": "responses",
  "responses.input_tokens": "responses/input_tokens",
  "responses.compact": "responses/compact",
} as const satisfies Partial<Record<Endpoint, string>>;

export type OpenAIEndpoint = keyof typeof OPENAI_PATHS;

export function isOpenAIEndpoint(endpoint: Endpoint): endpoint is OpenAIEndpoint {
  return Object.hasOwn(OPENAI_PATHS, endpoint);
}

/** The path of a request, the resource id and the client's query included for a GET. */
export function openAIPath(endpoint: Endpoint, resource?: BuildRequestInput["resource"]): string {
  if (!isOpenAIEndpoint(endpoint)) throw new Error(`OpenAI-format providers do not serve ${endpoint}`);
  if (endpoint === "responses.retrieve") {
    if (!resource) throw new Error("responses.retrieve needs the response id");
    return `responses/${encodeURIComponent(resource.id)}${resource.query}`;
  }
  return OPENAI_PATHS[endpoint];
}

/** Endpoints whose streams only report usage when `stream_options.include_usage` is set. */
function streamUsageIsOptIn(endpoint: Endpoint): boolean {
  return endpoint === "chat.completions" || endpoint === "completions";
}

/** The client body with the upstream model, opting into stream usage so Latch can meter. */
export function buildOpenAIBody(input: BuildRequestInput): string {
  const body: Record<string, unknown> = { ...input.body, model: input.upstreamModel };
  if (input.stream && streamUsageIsOptIn(input.endpoint) && !input.clientWantsStreamUsage) {
    const existing = isRecord(body.stream_options) ? body.stream_options : {};
    body.stream_options = { ...existing, include_usage: true };
  }
  return JSON.stringify(body);
}

export function bearerAuth(credential: Credential): Record<string, string> {
  // Self-hosted OpenAI-compatible servers (Ollama, vLLM) often run without a key.
  return credential.secret ? { authorization: `Bearer ${credential.secret}` } : {};
}
