// Answers for requests no data-plane route serves: JSON in the caller's wire format (never a
// framework's HTML page), so SDKs raise their NotFoundError and agents fall back cleanly.
import { asLatchError, InvalidRequestError, LatchError, NotFoundError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { createContext } from "@/lib/gateway/request-context";
import { errorReply } from "@/lib/gateway/render-error";
import { toWebResponse, type Reply } from "@/lib/gateway/reply";
import type { WireFormat } from "@/lib/gateway/endpoints";

const formatOfPath = (pathname: string): WireFormat => (pathname === "/v1/messages" || pathname.startsWith("/v1/messages/") ? "anthropic-api" : "openai-api");

// These requests are never authenticated or metered: a context only lends them a request id and a format.
export function unknownRouteReply(method: string, pathname: string): Reply {
  const ctx = createContext("models", null, null, formatOfPath(pathname));
  return errorReply(ctx, new NotFoundError("unknown_url", `Unknown request URL: ${method} ${pathname}. Please check the URL for typos.`));
}

export function methodNotAllowedReply(method: string, pathname: string, allow: string): Reply {
  const ctx = createContext("models", null, null, formatOfPath(pathname));
  const err = new LatchError({
    status: 405,
    type: "invalid_request_error",
    code: "method_not_allowed",
    message: `${method} is not allowed on ${pathname}; use ${allow}.`,
    headers: { allow },
  });
  return errorReply(ctx, err);
}

/**
 * Whatever went wrong before the request was routed (a path that is not a URL, a malformed
 * percent-escape) or while answering it: every request gets an answer in the API's shape.
 */
export function unroutableReply(pathname: string, error: unknown): Reply {
  const ctx = createContext("models", null, null, formatOfPath(pathname));
  if (error instanceof URIError || error instanceof TypeError)
    return errorReply(ctx, new InvalidRequestError("The request URL is malformed.", null, "invalid_url"));
  logError("data-plane request failed before routing", error, { requestId: ctx.requestId });
  return errorReply(ctx, asLatchError(error));
}

/** Next route handlers for the same answers. */
export const unknownRouteResponse = (request: Request) => {
  const { pathname } = new URL(request.url);
  return toWebResponse(unknownRouteReply(request.method, pathname));
};

export const methodNotAllowedResponse = (allow: string) => (request: Request) => {
  const { pathname } = new URL(request.url);
  return toWebResponse(methodNotAllowedReply(request.method, pathname, allow));
};
