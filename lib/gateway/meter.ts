// Turns a finished request into one usage event and settles its lease. Never awaits the
// database: the usage queue writes asynchronously.
import { recordUsage } from "@/lib/usage/queue";
import { touchKey } from "@/lib/usage/last-used";
import { observeOverReservation, observeRequest } from "@/lib/metrics";
import { logger } from "@/lib/log";
import { costOf, findPrice } from "@/lib/usage/pricing";
import { ZERO_USAGE, type RequestContext } from "@/lib/gateway/request-context";
import type { UsageOutcome } from "@/lib/usage/event";
import type { Usage } from "@/lib/providers/types";

export type MeterResult = { status: number; outcome: UsageOutcome; errorCode?: string | null; usage?: Usage };

// Requests whose usage is still being counted (a cut-off stream's text, in the tokenizer's worker).
const counting = new Set<Promise<unknown>>();

/** Meters once `result` is known; shutdown waits for it (meteringCounted) before draining the queue. */
export function meterWhenCounted(ctx: RequestContext, result: Promise<MeterResult>): void {
  const metered = result.then((r) => meter(ctx, r)).finally(() => counting.delete(metered));
  counting.add(metered);
}

/** Resolves when every request being counted has been metered. */
export async function meteringCounted(): Promise<void> {
  while (counting.size) await Promise.allSettled([...counting]);
}

/** Returns the recorded cost in USD (null: unpriced), which the caller may be shown. */
export function meter(ctx: RequestContext, result: MeterResult): number | null {
  if (ctx.metered) return null;
  ctx.metered = true;
  const usage = result.usage ?? ZERO_USAGE;
  const price = ctx.org && ctx.provider && ctx.model ? findPrice(ctx.org.prices, ctx.provider, ctx.model) : null;
  const cost = price ? costOf(price, usage) : null;
  const charged = usage.inputTokens + usage.outputTokens > 0;

  let overReservation = false;
  if (ctx.lease) {
    if (charged) overReservation = ctx.lease.settle(usage, cost).overReservation;
    else ctx.lease.release();
  }
  if (overReservation) {
    // The provider billed past the ceiling it was sent: the event keeps what it charged, the caps
    // were settled at the reservation. Worth a look at the provider (or at Latch's worst case).
    observeOverReservation(ctx.provider);
    logger.warn({ requestId: ctx.requestId, keyId: ctx.key?.id, provider: ctx.provider, model: ctx.model, costUsd: cost }, "usage over reservation");
  }
  const latencyMs = Math.round(performance.now() - ctx.startedAt);
  const ttftMs = ctx.firstByteAt === null ? null : Math.round(ctx.firstByteAt - ctx.startedAt);
  const costUsd = charged ? cost : 0;
  observeRequest({
    endpoint: ctx.endpoint,
    provider: ctx.provider,
    model: ctx.model,
    outcome: result.outcome,
    status: result.status,
    errorCode: result.errorCode ?? null,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd,
    latencyMs,
    ttftMs,
  });
  if (logger.isLevelEnabled("debug"))
    logger.debug(
      {
        requestId: ctx.requestId,
        endpoint: ctx.endpoint,
        keyId: ctx.key?.id,
        provider: ctx.provider,
        model: ctx.model,
        status: result.status,
        outcome: result.outcome,
        errorCode: result.errorCode,
        latencyMs,
      },
      "request",
    );
  if (!ctx.key || !ctx.org) return costUsd; // unauthenticated requests belong to no org
  if (result.outcome !== "rejected") touchKey(ctx.key.id);
  recordUsage({
    id: ctx.requestId,
    orgId: ctx.key.orgId,
    keyId: ctx.key.id,
    userId: ctx.key.ownerUserId,
    teamId: ctx.key.teamId,
    keyKind: ctx.key.kind,
    provider: ctx.provider,
    model: ctx.model,
    endpoint: ctx.endpoint,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWrite5mTokens: usage.cacheWrite5mTokens ?? 0,
    cacheWrite1hTokens: usage.cacheWrite1hTokens ?? 0,
    reasoningTokens: usage.reasoningTokens ?? 0,
    audioInputTokens: usage.audioInputTokens ?? 0,
    audioOutputTokens: usage.audioOutputTokens ?? 0,
    webSearchRequests: usage.webSearchRequests ?? 0,
    estimated: usage.estimated ?? false,
    overReservation,
    costUsd,
    priced: price !== null || !charged,
    status: result.status,
    outcome: result.outcome,
    errorCode: result.errorCode ?? null,
    stream: ctx.stream,
    latencyMs,
    ttftMs,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
    findings: ctx.findings ?? null,
    dimensions: ctx.dimensions ?? null,
    endUser: ctx.endUser ?? null,
    degradedBy: ctx.degradedBy ?? null,
    requestedModel: ctx.requestedModel ?? null,
    createdAt: ctx.receivedAt,
  });
  return costUsd;
}
