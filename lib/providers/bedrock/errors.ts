import { cleanUpstreamMessage, errorTypeForStatus, genericProviderError } from "../errors";
import { isRecord, str, tryParseJson } from "../json";
import type { ProviderError } from "../types";

// Bedrock's HTTP statuses name its exceptions; the body is just `{"message": "..."}`.
const CODES: Record<number, string> = {
  400: "validation_exception",
  403: "access_denied_exception",
  404: "resource_not_found_exception",
  408: "model_timeout_exception",
  424: "model_error_exception",
  429: "throttling_exception",
  503: "service_unavailable_exception",
};

export function mapBedrockError(status: number, bodyText: string): ProviderError {
  const json = tryParseJson(bodyText);
  const message = isRecord(json) ? (str(json.message) ?? str(json.Message)) : null;
  // 424 is a failure of the model behind Bedrock; to a client that is the upstream failing.
  const clientStatus = status === 424 ? 502 : status;
  if (!message) return genericProviderError(clientStatus);
  return {
    status: clientStatus,
    message: cleanUpstreamMessage(message),
    type: errorTypeForStatus(clientStatus),
    code: CODES[status] ?? null,
    param: null,
  };
}
