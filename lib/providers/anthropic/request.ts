// Anthropic's URLs and headers. The client's `anthropic-version` and betas are forwarded as
// sent: Claude Code pairs body fields (context_management, tool defer_loading) with the beta
// that enables them, and the API rejects the fields without it.
import { JSON_CONTENT_TYPE, resolveBaseUrl } from "../http";
import type { ClientHeaders, Credential, UpstreamRequest } from "../types";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";

export function anthropicHeaders(credential: Credential, client?: ClientHeaders): Record<string, string> {
  return {
    ...JSON_CONTENT_TYPE,
    ...(credential.secret ? { "x-api-key": credential.secret } : {}),
    "anthropic-version": client?.anthropicVersion ?? ANTHROPIC_VERSION,
    ...(client?.anthropicBeta.length ? { "anthropic-beta": client.anthropicBeta.join(",") } : {}),
  };
}

/** `path` is relative to `/v1`, e.g. "messages". */
export function anthropicRequest(credential: Credential, path: string, body?: unknown, client?: ClientHeaders): UpstreamRequest {
  const base = resolveBaseUrl(credential, ANTHROPIC_DEFAULT_BASE_URL);
  const request: UpstreamRequest = {
    url: `${base}/v1/${path}`,
    method: body === undefined ? "GET" : "POST",
    headers: anthropicHeaders(credential, client),
  };
  if (body !== undefined) request.body = JSON.stringify(body);
  return request;
}
