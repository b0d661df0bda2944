// The data-plane request path: authenticate → authorize → limit → forward → meter.
// Framework-free: Next route handlers and the lean Node server both call handleProxyRequest.
import { authenticate } from "@/lib/gateway/authenticate";
import { getOrgSnapshot } from "@/lib/gateway/org-cache";
import { readProxyBody } from "@/lib/gateway/request-body";
import { resolveModel, rotate } from "@/lib/gateway/resolve-model";
import { forward } from "@/lib/gateway/forward";
import { meter } from "@/lib/gateway/meter";
import { errorReply } from "@/lib/gateway/render-error";
import { toWebResponse, type Reply } from "@/lib/gateway/reply";
import { isUpstreamStream, jsonResponse, streamResponse, upstreamErrorResponse } from "@/lib/gateway/respond";
import { createContext, type RequestContext } from "@/lib/gateway/request-context";
import { resolveClientIp, PEER_ADDRESS_HEADER } from "@/lib/gateway/client-ip";
import { authorize } from "@/lib/policy/evaluate";
import { acquireLimits } from "@/lib/policy/limits";
import { withOutputCeiling, worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { classifyPrompt } from "@/lib/policy/classification/enforce";
import { findPrice } from "@/lib/usage/pricing";
import { costReporter } from "@/lib/gateway/caller-cost";
import { asLatchError, ServiceUnavailableError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { mark, serverTimingHeaders } from "@/lib/gateway/server-timing";
import type { Endpoint } from "@/lib/providers/types";

/** Output ceiling assumed for worst-case cost when the client sets no max_tokens. */
const DEFAULT_OUTPUT_CEILING = 4_096;

export type PeerInfo = { address: string | null };

export function contextFor(endpoint: RequestContext["endpoint"], request: Request, peer: PeerInfo): RequestContext {
  const peerAddress = peer.address ?? request.headers.get(PEER_ADDRESS_HEADER);
  const clientIp = resolveClientIp(peerAddress, request.headers.get("x-forwarded-for"));
  return createContext(endpoint, clientIp, request.headers.get("user-agent"));
}

/** The route handlers' entry: the gateway's answer as a web Response. */
export async function handleProxyRequest(endpoint: Endpoint, request: Request, peer: PeerInfo = { address: null }): Promise<Response> {
  return toWebResponse(await proxyReply(endpoint, request, peer));
}

/**
 * The request path itself, answering with a framework-free Reply (the lean server writes it to
 * the socket as is). `request` only needs what a web Request offers for reading: headers.get,
 * body.getReader and signal.
 */
export async function proxyReply(endpoint: Endpoint, request: Request, peer: PeerInfo = { address: null }, clientAbort?: AbortController): Promise<Reply> {
  const ctx = contextFor(endpoint, request, peer);
  // The lean server hands over the controller it aborts when the client goes away; a web
  // Request's signal is linked to one of our own (the core aborts it too, e.g. on cancel).
  const abort = clientAbort ?? new AbortController();
  const onClientAbort = () => abort.abort();
  if (!clientAbort) request.signal?.addEventListener("abort", onClientAbort, { once: true });
  try {
    ctx.key = await authenticate(request.headers, ctx.clientIp);
    ctx.org = await getOrgSnapshot(ctx.key.orgId);
    if (!ctx.org) throw new ServiceUnavailableError("org_unavailable", "This key's organisation is not available.");
    mark(ctx, "auth");
    const body = await readProxyBody(request, endpoint);
    ctx.stream = body.stream;
    ctx.inputBytes = body.bytes;
    mark(ctx, "body");

    const candidates = authorize({
      key: ctx.key,
      org: ctx.org,
      clientIp: ctx.clientIp,
      candidates: resolveModel(ctx.org, body.model),
      requestedModel: body.model,
      maxOutputTokens: body.maxOutputTokens,
    });
    const ordered = rotate(body.model, candidates);
    const primary = ordered[0]!;
    ctx.provider = primary.credential.provider;
    ctx.model = primary.upstreamModel;
    // Blocks, redacts or only records data above the key's sensitivity level (a no-op when none is set).
    const prompt = classifyPrompt(ctx, endpoint, body.json);
    mark(ctx, "policy");

    const maxOutputTokens = endpoint === "embeddings" ? 0 : (body.maxOutputTokens ?? ctx.key.policy.maxOutputTokens ?? DEFAULT_OUTPUT_CEILING);
    ctx.lease = await acquireLimits({
      requestId: ctx.requestId,
      key: ctx.key,
      org: ctx.org,
      estimatedInputTokens: worstCaseInputTokens(body.bytes),
      maxOutputTokens,
      price: findPrice(ctx.org.prices, ctx.provider, ctx.model),
      serviceTier: typeof prompt.service_tier === "string" ? prompt.service_tier : null,
      now: Date.now(),
    });
    mark(ctx, "limits");
    // The reservation covers this output ceiling only: make the provider honour it.
    const mustCap = ctx.lease.budgeted || ctx.key.policy.maxOutputTokens !== null;
    const upstreamBody = mustCap && endpoint !== "embeddings" ? withOutputCeiling(endpoint, prompt, ctx.lease.maxOutputTokens) : prompt;

    const forwarded = await forward({
      endpoint,
      body: upstreamBody,
      stream: body.stream,
      clientWantsStreamUsage: body.clientWantsStreamUsage,
      candidates: ordered,
      signal: abort.signal,
      costOf: body.clientWantsStreamUsage ? costReporter(ctx) : undefined,
    });
    ctx.provider = forwarded.candidate.credential.provider;
    ctx.model = forwarded.candidate.upstreamModel;
    mark(ctx, "upstream");
    if (!forwarded.response.ok) return await upstreamErrorResponse(ctx, forwarded);
    return body.stream && isUpstreamStream(forwarded) ? streamResponse(ctx, forwarded, abort) : await jsonResponse(ctx, forwarded, abort.signal);
  } catch (error) {
    const err = asLatchError(error);
    if (err.status >= 500 && err.code === "internal_error") logError("proxy request failed", error, { requestId: ctx.requestId });
    const aborted = abort.signal.aborted;
    meter(ctx, { status: aborted ? 499 : err.status, outcome: aborted ? "aborted" : ctx.lease ? "provider_error" : "rejected", errorCode: aborted ? "client_closed" : err.code });
    return errorReply(ctx, err, ctx.timings ? { ...ctx.lease?.headers, ...serverTimingHeaders(ctx) } : ctx.lease?.headers);
  } finally {
    if (!clientAbort) request.signal?.removeEventListener("abort", onClientAbort);
  }
}
