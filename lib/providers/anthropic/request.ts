import { JSON_CONTENT_TYPE, resolveBaseUrl } from "../http";
import type { Credential, UpstreamRequest } from "../types";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";

export function anthropicHeaders(credential: Credential): Record<string, string> {
  return {
    ...JSON_CONTENT_TYPE,
    ...(credential.secret ? { "x-api-key": credential.secret } : {}),
    "anthropic-version": ANTHROPIC_VERSION,
  };
}

/** `path` is relative to `/v1`, e.g. "messages". */
export function anthropicRequest(
  credential: Credential,
  path: string,
  body?: unknown,
): UpstreamRequest {
  const base = resolveBaseUrl(credential, ANTHROPIC_DEFAULT_BASE_URL);
  const request: UpstreamRequest = {
    url: `${base}/v1/${path}`,
    method: body === undefined ? "GET" : "POST",
    headers: anthropicHeaders(credential),
  };
  if (body !== undefined) request.body = JSON.stringify(body);
  return request;
}
