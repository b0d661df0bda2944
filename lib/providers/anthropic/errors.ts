import { cleanUpstreamMessage, genericProviderError } from "../errors";
import { isRecord, str, tryParseJson } from "../json";
import type { ProviderError } from "../types";

const TYPE_MAP: Record<string, string> = {
  invalid_request_error: "invalid_request_error",
  authentication_error: "authentication_error",
  permission_error: "permission_error",
  not_found_error: "not_found_error",
  request_too_large: "invalid_request_error",
  rate_limit_error: "rate_limit_error",
  overloaded_error: "server_error",
  api_error: "server_error",
  timeout_error: "server_error",
};

/** Anthropic `{type, message}` → OpenAI-style type/code; the original type survives as `code`. */
export function translateAnthropicError(err: Record<string, unknown>): {
  message: string;
  type: string;
  code: string | null;
} | null {
  const message = str(err.message);
  if (!message) return null;
  const anthropicType = str(err.type) ?? "api_error";
  const type = TYPE_MAP[anthropicType] ?? "api_error";
  return {
    message: cleanUpstreamMessage(message),
    type,
    code: type === anthropicType ? null : anthropicType,
  };
}

/**
 * Overload keeps its own status (529) and type: Anthropic-format clients (Claude Code) treat
 * it apart from other failures; the core renders it as a 503 server_error for OpenAI clients.
 */
export function mapAnthropicError(status: number, bodyText: string): ProviderError {
  const json = tryParseJson(bodyText);
  const overloaded = status === 529 || (isRecord(json) && isRecord(json.error) && json.error.type === "overloaded_error");
  const err = isRecord(json) && isRecord(json.error) ? translateAnthropicError(json.error) : null;
  if (overloaded) return { status: 529, message: err?.message ?? "Overloaded", type: "overloaded_error", code: "overloaded_error", param: null };
  if (!err) return genericProviderError(status);
  return { status, ...err, param: null };
}
