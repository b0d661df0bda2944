// The data-plane request path: authenticate → authorize → limit → forward → meter.
// Framework-free: Next route handlers and the lean Node server both call handleProxyRequest.
import type { ProxyRequest } from "@/lib/gateway/proxy-request";
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
import { billShape, withToolCallCeiling } from "@/lib/gateway/bill-shape";
import { classifyPrompt } from "@/lib/policy/classification/enforce";
import { findPrice } from "@/lib/usage/pricing";
import { costReporter } from "@/lib/gateway/caller-cost";
import { asLatchError, ServiceUnavailableError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { mark, serverTimingHeaders } from "@/lib/gateway/server-timing";
import type { BuildRequestInput, Endpoint } from "@/lib/providers/types";
import { ENDPOINTS, formatOf } from "@/lib/gateway/endpoints";
import { readClientHeaders } from "@/lib/gateway/client-headers";
import { retrievalTarget } from "@/lib/gateway/retrieval";
import { resolveAttribution, TAGS_HEADER } from "@/lib/gateway/request-tags";
import { attributeRefusal } from "@/lib/gateway/door";
import { chooseDegrade, DEGRADE_HEADER, DEGRADED_HEADER, MODEL_USED_HEADER, NO_DEGRADE, type Degrade } from "@/lib/policy/degrade";

/** Output ceiling assumed for worst-case cost when the client sets no max_tokens. */
const DEFAULT_OUTPUT_CEILING = 4_096;

export type PeerInfo = { address: string | null };

const degradedBy = (d: Degrade): string =>
  [d.route, d.throttle]
    .flatMap((r) => (r ? [r.name] : []))
    .filter((n, i, all) => all.indexOf(n) === i)
    .join(", ");

export function contextFor(endpoint: RequestContext["endpoint"], request: ProxyRequest, peer: PeerInfo): RequestContext {
  const peerAddress = peer.address ?? request.headers.get(PEER_ADDRESS_HEADER);
  const clientIp = resolveClientIp(peerAddress, request.headers.get("x-forwarded-for"));
  return createContext(endpoint, clientIp, request.headers.get("user-agent"), formatOf(endpoint, request.headers));
}

export type Resource = NonNullable<BuildRequestInput["resource"]>;

/** The route handlers' entry: the gateway's answer as a web Response. */
export async function handleProxyRequest(endpoint: Endpoint, request: Request, peer: PeerInfo = { address: null }, resource?: Resource): Promise<Response> {
  return toWebResponse(await proxyReply(endpoint, request, peer, undefined, resource));
}

/**
 * The request path itself, answering with a framework-free Reply (the lean server writes it to
 * the socket as is).
 */
export async function proxyReply(
  endpoint: Endpoint,
  request: ProxyRequest,
  peer: PeerInfo = { address: null },
  clientAbort?: AbortController,
  resource?: Resource,
): Promise<Reply> {
  const traits = ENDPOINTS[endpoint];
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
    const body = traits.hasBody ? await readProxyBody(request, endpoint) : await retrievalTarget(ctx.key, ctx.org, resource?.id ?? "", resource?.query ?? "");
    ctx.stream = body.stream;
    ctx.inputBytes = body.bytes;
    // Until a route is chosen, a refused request is recorded under the model it asked for.
    ctx.model = body.model;
    const attribution = resolveAttribution(ctx.key, ctx.org, request.headers.get(TAGS_HEADER), traits.hasBody ? body.json : null, traits.shape === "messages");
    ctx.dimensions = attribution.dimensions;
    ctx.endUser = attribution.endUser;
    mark(ctx, "body");

    // Near a cap, a rule may send the request to another model or throttle it (unless the client opts out).
    const degrade = request.headers.get(DEGRADE_HEADER) === "off" ? NO_DEGRADE : await chooseDegrade(ctx.key, ctx.org, body.model, Date.now());
    const model = degrade.route?.route?.to ?? body.model;
    // Recorded on the usage event, a throttle's refusal included.
    if (degrade.route || degrade.throttle) ctx.degradedBy = degradedBy(degrade);
    if (model !== body.model) ctx.requestedModel = body.model;
    const candidates = authorize({
      key: ctx.key,
      org: ctx.org,
      clientIp: ctx.clientIp,
      candidates: resolveModel(ctx.org, model),
      requestedModel: model,
      maxOutputTokens: body.maxOutputTokens,
    });
    // A stored response lives with one provider account: only that credential can answer for it.
    const owned = "credentialId" in body ? candidates.filter((c) => c.credential.id === body.credentialId) : candidates;
    const ordered = rotate(model, owned);
    const primary = ordered[0]!;
    ctx.provider = primary.credential.provider;
    ctx.model = primary.upstreamModel;
    // Blocks, redacts or only records data above the key's sensitivity level (a no-op when none is set).
    const prompt = classifyPrompt(ctx, traits.shape, body.json);
    mark(ctx, "policy");

    const generates = !traits.free && endpoint !== "embeddings";
    const maxOutputTokens = generates ? (body.maxOutputTokens ?? ctx.key.policy.maxOutputTokens ?? DEFAULT_OUTPUT_CEILING) : 0;
    const shape = traits.free ? null : billShape(endpoint, prompt, ctx.model);
    ctx.lease = await acquireLimits({
      requestId: ctx.requestId,
      key: ctx.key,
      org: ctx.org,
      free: traits.free,
      estimatedInputTokens: shape ? worstCaseInputTokens(body.bytes) + shape.extraInputTokens : 0,
      maxOutputTokens,
      outputMultiplier: shape?.outputMultiplier,
      toolCalls: shape?.toolCalls,
      unbounded: shape?.unbounded,
      price: findPrice(ctx.org.prices, ctx.provider, ctx.model),
      serviceTier: typeof prompt.service_tier === "string" ? prompt.service_tier : null,
      dimensions: attribution.dimensions,
      now: Date.now(),
      throttle: degrade.throttle,
      recordAs: { provider: ctx.provider, model: ctx.model, endpoint, stream: body.stream, receivedAt: ctx.receivedAt },
    });
    if (ctx.degradedBy) Object.assign(ctx.lease.headers, { [DEGRADED_HEADER]: ctx.degradedBy, [MODEL_USED_HEADER]: model });
    mark(ctx, "limits");
    // The reservation covers this output ceiling only: make the provider honour it.
    const mustCap = ctx.lease.budgeted || ctx.key.policy.maxOutputTokens !== null;
    const capped = mustCap ? withOutputCeiling(endpoint, prompt, ctx.lease.maxOutputTokens) : prompt;
    // ...and the number of priced tool calls it reserved.
    const upstreamBody = ctx.lease.budgeted || ctx.key.policy.maxRequestCostUsd !== null ? withToolCallCeiling(endpoint, capped) : capped;

    const forwarded = await forward({
      endpoint,
      body: upstreamBody,
      stream: body.stream,
      clientWantsStreamUsage: body.clientWantsStreamUsage,
      candidates: ordered,
      signal: abort.signal,
      costOf: body.clientWantsStreamUsage ? costReporter(ctx) : undefined,
      clientHeaders: readClientHeaders(request.headers),
      resource,
    });
    ctx.provider = forwarded.candidate.credential.provider;
    ctx.model = forwarded.candidate.upstreamModel;
    mark(ctx, "upstream");
    if (!forwarded.response.ok) return await upstreamErrorResponse(ctx, forwarded);
    return body.stream && isUpstreamStream(forwarded) ? streamResponse(ctx, forwarded, abort) : await jsonResponse(ctx, forwarded, abort.signal);
  } catch (error) {
    const err = asLatchError(error);
    if (err.status >= 500 && err.code === "internal_error") logError("proxy request failed", error, { requestId: ctx.requestId });
    if (!ctx.key) await attributeRefusal(ctx, request, endpoint, traits.hasBody, err).catch(() => {});
    const aborted = abort.signal.aborted;
    meter(ctx, {
      status: aborted ? 499 : err.status,
      outcome: aborted ? "aborted" : ctx.lease ? "provider_error" : "rejected",
      errorCode: aborted ? "client_closed" : err.code,
    });
    return errorReply(ctx, err, ctx.timings ? { ...ctx.lease?.headers, ...serverTimingHeaders(ctx) } : ctx.lease?.headers);
  } finally {
    if (!clientAbort) request.signal?.removeEventListener("abort", onClientAbort);
  }
}
