import { asLatchError, toAnthropicErrorBody, toOpenAIErrorBody, type LatchError } from "@/lib/errors";
import type { RequestContext } from "@/lib/gateway/request-context";
import { toWebResponse, type Reply } from "@/lib/gateway/reply";

export function errorResponse(ctx: RequestContext, err: LatchError, extraHeaders: Record<string, string> = {}): Response {
  return toWebResponse(errorReply(ctx, err, extraHeaders));
}

export function errorReply(ctx: RequestContext, err: LatchError, extraHeaders: Record<string, string> = {}): Reply {
  const body = ctx.endpoint === "messages" ? toAnthropicErrorBody(err, ctx.requestId) : toOpenAIErrorBody(err, ctx.requestId);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-request-id": ctx.requestId,
    ...extraHeaders,
    ...err.headers,
  };
  if (!err.retryable) headers["x-should-retry"] = "false";
  return { status: err.status, headers, body: JSON.stringify(body) };
}

/** The SSE event sent when a stream fails after its first byte. */
export function streamErrorEvent(ctx: RequestContext, error: unknown): string {
  const err = asLatchError(error);
  if (ctx.endpoint === "messages") return `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(err, ctx.requestId))}\n\n`;
  return `data: ${JSON.stringify(toOpenAIErrorBody(err, ctx.requestId))}\n\n`;
}
