// One error hierarchy. Domain code throws these; each edge renders them once
// (OpenAI shape on /v1, Anthropic shape on /v1/messages, action results in the portal).
// Codes come from the closed catalog in lib/error-codes.ts; only provider errors passed through
// (UpstreamError) may carry a provider's own code.
import type { ErrorCode } from "@/lib/error-codes";

export type { ErrorCode } from "@/lib/error-codes";

export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error"
  /** The provider is overloaded (Anthropic's 529); OpenAI-format clients see a 503 server_error. */
  | "overloaded_error";

export const ERROR_TYPES: readonly ErrorType[] = [
  "invalid_request_error",
  "authentication_error",
  "permission_error",
  "not_found_error",
  "rate_limit_error",
  "server_error",
  "overloaded_error",
];

export function isErrorType(type: string): type is ErrorType {
  return (ERROR_TYPES as readonly string[]).includes(type);
}

/** The type an HTTP status implies, for upstream errors whose own type is not one of ours. */
export function errorTypeForStatus(status: number): ErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  if (status >= 400 && status < 500) return "invalid_request_error";
  return "server_error";
}

export class LatchError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param: string | null;
  /** Whether an SDK may retry this; false adds `x-should-retry: false`. */
  readonly retryable: boolean;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;

  constructor(opts: {
    status: number;
    type: ErrorType;
    code: string;
    message: string;
    param?: string | null;
    retryable?: boolean;
    headers?: Record<string, string>;
    details?: Record<string, unknown>;
  }) {
    super(opts.message);
    this.status = opts.status;
    this.type = opts.type;
    this.code = opts.code;
    this.param = opts.param ?? null;
    this.retryable = opts.retryable ?? false;
    this.headers = opts.headers ?? {};
    this.details = opts.details;
  }
}

export class AuthenticationError extends LatchError {
  constructor(code: ErrorCode, message: string) {
    super({ status: 401, type: "authentication_error", code, message });
  }
}

export class PermissionError extends LatchError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super({ status: 403, type: "permission_error", code, message, details });
  }
}

export class NotFoundError extends LatchError {
  constructor(code: ErrorCode, message: string, param: string | null = null) {
    super({ status: 404, type: "not_found_error", code, message, param });
  }
}

export class InvalidRequestError extends LatchError {
  declare readonly code: ErrorCode;
  constructor(message: string, param: string | null = null, code: ErrorCode = "invalid_request_error", status = 400) {
    super({ status, type: "invalid_request_error", code, message, param });
  }
}

export class RateLimitError extends LatchError {
  constructor(code: ErrorCode, message: string, retryAfterSeconds: number | null, details?: Record<string, unknown>) {
    super({
      status: 429,
      type: "rate_limit_error",
      code,
      message,
      retryable: retryAfterSeconds !== null,
      headers: retryAfterSeconds !== null ? { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) } : {},
      details,
    });
  }
}

/** A provider's error: `code` is ours (upstream_*) or the provider's own, passed through. */
export class UpstreamError extends LatchError {
  constructor(status: number, type: ErrorType, code: ErrorCode | (string & {}), message: string, param: string | null = null) {
    super({ status, type, code, message, param, retryable: status === 429 || status >= 500 });
  }
}

export class ServiceUnavailableError extends LatchError {
  constructor(code: ErrorCode, message: string) {
    super({ status: 503, type: "server_error", code, message, retryable: true });
  }
}

/** Anything that is not a LatchError becomes a generic 500: never echo an internal message. */
export function asLatchError(err: unknown): LatchError {
  if (err instanceof LatchError) return err;
  return new LatchError({ status: 500, type: "server_error", code: "internal_error", message: "Internal server error", retryable: true });
}

/** OpenAI's clients know standard statuses only: Anthropic's 529 is their 503. */
export function openAIStatus(err: LatchError): number {
  return err.status === 529 ? 503 : err.status;
}

export function toOpenAIErrorBody(err: LatchError, requestId?: string) {
  const type = err.type === "overloaded_error" ? "server_error" : err.type;
  return {
    error: { message: err.message, type, code: err.code, param: err.param, ...err.details },
    ...(requestId ? { request_id: requestId } : {}),
  };
}

const ANTHROPIC_TYPES: Record<ErrorType, string> = {
  invalid_request_error: "invalid_request_error",
  authentication_error: "authentication_error",
  permission_error: "permission_error",
  not_found_error: "not_found_error",
  rate_limit_error: "rate_limit_error",
  server_error: "api_error",
  overloaded_error: "overloaded_error",
};

export function toAnthropicErrorBody(err: LatchError, requestId?: string) {
  return {
    type: "error",
    error: { type: err.status === 413 ? "request_too_large" : ANTHROPIC_TYPES[err.type], message: err.message, code: err.code, ...err.details },
    ...(requestId ? { request_id: requestId } : {}),
  };
}
