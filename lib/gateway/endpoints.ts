// What the core knows about each client-facing endpoint: the wire format its errors and headers
// speak, whether it generates tokens (and so reserves budget and caps output), and its body.
import { InvalidRequestError, NotFoundError, type LatchError } from "@/lib/errors";
import type { Endpoint, WireFormat } from "@/lib/providers/types";

export type { WireFormat };

export type EndpointTraits = {
  format: WireFormat;
  /**
   * Counting and retrieval cost nothing at the provider: such requests pass the key's request
   * windows but reserve no tokens or spend, and are metered with zero tokens.
   */
  free: boolean;
  /** The body field that caps generated tokens, for endpoints that generate any. */
  outputField: string | null;
  /** GET endpoints carry no body; their model comes from the resource they name. */
  hasBody: boolean;
  /** The generating endpoint whose body shape this one shares (for data classification). */
  shape: Endpoint;
};

export const ENDPOINTS: Record<Endpoint, EndpointTraits> = {
  // OpenAI's reasoning models reject max_tokens; every current chat API accepts this name.
  "chat.completions": { format: "openai-api", free: false, outputField: "max_completion_tokens", hasBody: true, shape: "chat.completions" },
  responses: { format: "openai-api", free: false, outputField: "max_output_tokens", hasBody: true, shape: "responses" },
  embeddings: { format: "openai-api", free: false, outputField: null, hasBody: true, shape: "embeddings" },
  completions: { format: "openai-api", free: false, outputField: "max_tokens", hasBody: true, shape: "completions" },
  messages: { format: "anthropic-api", free: false, outputField: "max_tokens", hasBody: true, shape: "messages" },
  "messages.count_tokens": { format: "anthropic-api", free: true, outputField: null, hasBody: true, shape: "messages" },
  "responses.retrieve": { format: "openai-api", free: true, outputField: null, hasBody: false, shape: "responses" },
  "responses.input_tokens": { format: "openai-api", free: true, outputField: null, hasBody: true, shape: "responses" },
  // Compaction runs a model over the conversation, so it is metered and budgeted, but its
  // request has no output cap to send.
  "responses.compact": { format: "openai-api", free: false, outputField: null, hasBody: true, shape: "responses" },
};

/** Client requests in Anthropic's format, or ones that say they speak it (GET /v1/models). */
export function formatOf(endpoint: Endpoint | "models", headers: { get(name: string): string | null }): WireFormat {
  if (endpoint === "models") return headers.get("anthropic-version") ? "anthropic-api" : "openai-api";
  return ENDPOINTS[endpoint].format;
}

/**
 * No route of the model serves this endpoint. Token counting answers 404 like an API without
 * it, so Claude Code counts locally instead of trusting a made-up number.
 */
export function unsupportedEndpoint(endpoint: Endpoint): LatchError {
  if (endpoint === "messages.count_tokens")
    return new NotFoundError("unsupported_endpoint", "Token counting is not available for this model's provider.", "model");
  return new InvalidRequestError(`This model does not support the ${endpoint} endpoint.`, "model", "unsupported_endpoint");
}
