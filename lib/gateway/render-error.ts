import { asLatchError, openAIStatus, toAnthropicErrorBody, toOpenAIErrorBody, type LatchError } from "@/lib/errors";
import type { RequestContext } from "@/lib/gateway/request-context";
import { toWebResponse, type Reply } from "@/lib/gateway/reply";

export function errorResponse(ctx: RequestContext, err: LatchError, extraHeaders: Record<string, string> = {}): Response {
  return toWebResponse(errorReply(ctx, err, extraHeaders));
}

/** Our request id, also under Anthropic's name so its SDKs set `_request_id`. */
export function requestIdHeaders(ctx: RequestContext): Record<string, string> {
  return ctx.format === "anthropic-api" ? { "x-request-id": ctx.requestId, "request-id": ctx.requestId } : { "x-request-id": ctx.requestId };
}

export function errorReply(ctx: RequestContext, err: LatchError, extraHeaders: Record<string, string> = {}): Reply {
  const body = ctx.format === "anthropic-api" ? toAnthropicErrorBody(err, ctx.requestId) : toOpenAIErrorBody(err, ctx.requestId);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...requestIdHeaders(ctx),
    ...extraHeaders,
    ...err.headers,
  };
  if (!err.retryable) headers["x-should-retry"] = "false";
  return { status: ctx.format === "anthropic-api" ? err.status : openAIStatus(err), headers, body: JSON.stringify(body) };
}

/** The SSE event sent when a stream fails after its first byte. */
export function streamErrorEvent(ctx: RequestContext, error: unknown): string {
  const err = asLatchError(error);
  if (ctx.format === "anthropic-api") return `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(err, ctx.requestId))}\n\n`;
  return `data: ${JSON.stringify(toOpenAIErrorBody(err, ctx.requestId))}\n\n`;
}
