import { isRecord } from "../json";
import type { BuildRequestInput, Credential, Endpoint } from "../types";

export const OPENAI_PATHS: Record<Exclude<Endpoint, "messages">, string> = {
  "chat.completions": "chat/completions",
  responses: "responses",
  embeddings: "embeddings",
  completions: "completions",
};

export function openAIPath(endpoint: Endpoint): string {
  if (endpoint === "messages") throw new Error("OpenAI-format providers do not serve /v1/messages");
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
