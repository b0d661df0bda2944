// Builds the client response from the provider's: JSON is parsed and re-shaped by the adapter;
// streams are passed through event by event as they arrive, with usage tapped on the way.
import { SseParser } from "@/lib/providers/sse";
import { meter, meterWhenCounted } from "@/lib/gateway/meter";
import { errorReply, requestIdHeaders, streamErrorEvent } from "@/lib/gateway/render-error";
import type { Reply } from "@/lib/gateway/reply";
import { estimateTokensFromChars } from "@/lib/providers/tokens";
import { errorTypeForStatus, isErrorType, type LatchError, UpstreamError } from "@/lib/errors";
import { backPressureHeaders } from "@/lib/gateway/back-pressure";
import { ENDPOINTS } from "@/lib/gateway/endpoints";
import { rememberResponseOwner } from "@/lib/gateway/response-owners";
import { ZERO_USAGE } from "@/lib/gateway/request-context";
import type { Forwarded } from "@/lib/gateway/forward";
import type { RequestContext } from "@/lib/gateway/request-context";
import type { StreamDecoder, StreamTransformer, Usage } from "@/lib/providers/types";
import { setCostHeader, withCostInBody } from "@/lib/gateway/caller-cost";

const JSON_CONTENT_TYPE = { "content-type": "application/json" };
const STREAM_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };
import { mark, serverTimingHeaders } from "@/lib/gateway/server-timing";

/** The headers of every answer: request id, the key's limits, Server-Timing when on; `first` lead. */
function baseHeaders(ctx: RequestContext, first?: Record<string, string>): Record<string, string> {
  const headers = Object.assign({}, first, requestIdHeaders(ctx), ctx.lease?.headers);
  return ctx.timings ? Object.assign(headers, serverTimingHeaders(ctx)) : headers;
}

export async function upstreamErrorResponse(ctx: RequestContext, forwarded: Forwarded): Promise<Reply> {
  const { response, adapter } = forwarded;
  const mapped = adapter.mapError(response.status, await response.text().catch(() => ""));
  // The client's key is fine when the org's provider credential is rejected: that is our 502,
  // not the client's 401/403.
  // A redirect is never followed nor relayed: it would send the client (or our credential) elsewhere.
  const err =
    response.status >= 300 && response.status < 400
      ? new UpstreamError(502, "server_error", "upstream_invalid_response", "The provider answered with a redirect, which Latch does not follow.")
      : mapped.status === 401 || mapped.status === 403
        ? new UpstreamError(502, "server_error", "upstream_auth_failed", "The provider rejected Latch's credential for this model. Ask an admin to check it.")
        : new UpstreamError(
            mapped.status,
            isErrorType(mapped.type) ? mapped.type : errorTypeForStatus(mapped.status),
            mapped.code ?? "upstream_error",
            mapped.message,
            mapped.param,
          );
  meter(ctx, { status: err.status, outcome: "provider_error", errorCode: err.code });
  // The provider's rate-limit headers describe the limit actually hit, so they win over the key's.
  return errorReply(ctx, err, { ...baseHeaders(ctx), ...backPressureHeaders(ctx, forwarded) });
}

/** A created response is remembered with its credential, for GET /v1/responses/{id}. */
function noteResponseId(ctx: RequestContext, { input, candidate }: Forwarded, id: unknown): void {
  if (input.endpoint === "responses" && typeof id === "string" && ctx.key) rememberResponseOwner(ctx.key.orgId, id, candidate.credential.id);
}

/**
 * Reads and meters the provider's JSON answer. Also runs when the client left after the request
 * was sent (`clientGone`): the provider bills that answer, so it is metered at its real usage.
 */
export async function jsonResponse(ctx: RequestContext, forwarded: Forwarded, clientGone?: AbortSignal): Promise<Reply> {
  const { response, adapter, input } = forwarded;
  let parsed;
  try {
    parsed = adapter.parseResponse(input.endpoint, await response.json(), input);
  } catch {
    const err = new UpstreamError(502, "server_error", "upstream_invalid_response", "The provider returned a response Latch could not read.");
    meter(ctx, { status: 502, outcome: "provider_error", errorCode: err.code });
    return errorReply(ctx, err, baseHeaders(ctx));
  }
  ctx.firstByteAt = performance.now();
  mark(ctx, "respond");
  // Free endpoints (token counting) meter zero tokens.
  const usage = ENDPOINTS[input.endpoint].free ? ZERO_USAGE : (parsed.usage ?? { ...estimateInput(ctx), estimated: true });
  const gone = clientGone?.aborted ?? false;
  const cost = meter(ctx, gone ? { status: 499, outcome: "aborted", errorCode: "client_closed", usage } : { status: 200, outcome: "success", usage });
  if (typeof parsed.body === "object" && parsed.body !== null && "id" in parsed.body) noteResponseId(ctx, forwarded, parsed.body.id);
  const body = JSON.stringify(withCostInBody(input.endpoint, parsed.body, cost));
  const headers = baseHeaders(ctx, JSON_CONTENT_TYPE);
  setCostHeader(headers, cost);
  return { status: 200, headers, body };
}

/** The prompt, estimated from its size, when a provider reported no usage. */
function estimateInput(ctx: RequestContext): Usage {
  return { inputTokens: estimateTokensFromChars(ctx.inputBytes), outputTokens: 0, cachedInputTokens: 0 };
}

/**
 * A stream cut off, or from a provider that sends no usage: what was streamed is counted, never
 * below the provider's running count.
 */
async function countedStreamUsage(ctx: RequestContext, transformer: StreamTransformer): Promise<Usage> {
  const base = transformer.usage() ?? estimateInput(ctx);
  return { ...base, outputTokens: Math.max(base.outputTokens, await transformer.countStreamedOutput()), estimated: true };
}

/** Whether the upstream answered with a stream, in SSE or in the adapter's own stream format. */
export function isUpstreamStream({ response, adapter }: Forwarded): boolean {
  const contentType = response.headers.get("content-type") ?? "";
  return contentType.includes("text/event-stream") || (!!adapter.streamFormat && contentType.includes(adapter.streamFormat.contentType));
}

export function streamResponse(ctx: RequestContext, forwarded: Forwarded, abort: AbortController): Reply {
  const { response, adapter, input } = forwarded;
  let idNoted = input.endpoint !== "responses";
  const upstream = response.body!.getReader();
  const parser: StreamDecoder = adapter.streamFormat?.createDecoder() ?? new SseParser();
  const transformer = adapter.createStreamTransformer(input.endpoint, input);
  let finished = false;

  const finish = (outcome: "success" | "aborted" | "provider_error", errorCode: string | null = null) => {
    if (finished) return;
    finished = true;
    const reported = ENDPOINTS[input.endpoint].free ? ZERO_USAGE : transformer.usageFinal() ? transformer.usage() : null;
    if (reported) return void meter(ctx, { status: 200, outcome, errorCode, usage: reported });
    meterWhenCounted(
      ctx,
      countedStreamUsage(ctx, transformer).then((usage) => ({ status: 200, outcome, errorCode, usage })),
    );
  };

  // Each pull forwards whatever the upstream read completed, at once: nothing is held back.
  const body = {
    async pull(): Promise<{ chunk: string | null; done: boolean }> {
      try {
        const { done, value } = await upstream.read();
        let out = "";
        for (const event of done ? parser.end() : parser.push(value!)) {
          // The stream's first event (response.created) carries the id; it is parsed once.
          if (!idNoted) idNoted = (noteResponseId(ctx, forwarded, createdResponseId(event.data)), true);
          out += transformer.push(event);
        }
        if (done) out += transformer.flush();
        if (out) ctx.firstByteAt ??= performance.now();
        const chunk = out || null;
        if (done) finish("success");
        return { chunk, done };
      } catch (error) {
        if (finished) return { chunk: null, done: true };
        const aborted = abort.signal.aborted;
        const chunk = aborted ? null : streamErrorEvent(ctx, timeoutAware(error));
        finish(aborted ? "aborted" : "provider_error", aborted ? "client_closed" : "upstream_stream_error");
        return { chunk, done: true };
      }
    },
    cancel() {
      abort.abort();
      void upstream.cancel().catch(() => {});
      finish("aborted", "client_closed");
    },
  };

  return {
    status: 200,
    headers: baseHeaders(ctx, STREAM_HEADERS),
    body,
  };
}

function createdResponseId(data: string): unknown {
  try {
    const event = JSON.parse(data) as { response?: { id?: unknown } };
    return event.response?.id;
  } catch {
    return undefined;
  }
}

function timeoutAware(error: unknown): LatchError {
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  if (code === "UND_ERR_BODY_TIMEOUT") return new UpstreamError(504, "server_error", "upstream_timeout", "The provider stopped sending data.");
  return new UpstreamError(502, "server_error", "upstream_stream_error", "The provider's stream ended unexpectedly.");
}
