import type { ProviderError } from "./types";

const MAX_MESSAGE_CHARS = 500;

// Upstream messages sometimes echo (masked) keys back, e.g. OpenAI's "Incorrect API key provided: sk-...";
// AWS names the access key id in signature errors, and Google access tokens start with ya29.
const SECRET_LIKE = /\b(?:sk|rk|pk)[-_][A-Za-z0-9_\-*]{6,}|\bAIza[A-Za-z0-9_-]{10,}|\b(?:AKIA|ASIA)[A-Z0-9]{12,}|\bya29\.[A-Za-z0-9_\-.]{10,}/g;

export function cleanUpstreamMessage(message: string): string {
  const redacted = message.replace(SECRET_LIKE, "[redacted]");
  return redacted.length > MAX_MESSAGE_CHARS ? `${redacted.slice(0, MAX_MESSAGE_CHARS - 1)}…` : redacted;
}

/** OpenAI-style error type for an HTTP status, used when the upstream body does not say. */
export function errorTypeForStatus(status: number): string {
  if (status === 400 || status === 422) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "api_error";
}

export function genericProviderError(status: number): ProviderError {
  return {
    status,
    message: `Upstream provider returned HTTP ${status}`,
    type: errorTypeForStatus(status),
    code: null,
    param: null,
  };
}

/**
 * Thrown by buildRequest when the client body cannot be expressed in the provider's format
 * (e.g. an OpenAI feature Anthropic lacks). The core should answer 400 with `error`.
 */
export class ProviderRequestError extends Error {
  readonly error: ProviderError;
  constructor(message: string, param: string | null = null) {
    super(message);
    this.name = "ProviderRequestError";
    this.error = { status: 400, message, type: "invalid_request_error", code: null, param };
  }
}
