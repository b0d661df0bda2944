// A granted request is recorded in flight with its reservation, in the same ledger step, so that
// if its instance dies after forwarding it (the provider bills it, nothing settles it) a sweep on
// any instance can still count it: at the reservation, as an estimated, aborted usage event.
// The skeleton holds ids, attribution and the reservation's terms; never a secret or prompt text.
import { ERROR_CATALOG } from "@/lib/error-codes";
import { redis } from "@/lib/redis";
import type { UsageEvent } from "@/lib/usage/event";
import type { ConcurrencySlot, LostRequest, SettleInput } from "@/lib/policy/ledger/types";

/** What the usage event of a request says about it, known when its reservation is taken. */
export type RecordAs = { provider: string | null; model: string | null; endpoint: string; stream: boolean; receivedAt: Date };

type Skeleton = {
  id: string;
  orgId: string;
  keyId: string;
  userId: string | null;
  teamId: string | null;
  keyKind: string | null;
  provider: string | null;
  model: string | null;
  endpoint: string;
  stream: boolean;
  dimensions: Readonly<Record<string, string>> | null;
  createdAt: number;
  /** Input tokens reserved, the output ceiling asked for, and output tokens per unit of it (`n`). */
  inputTokens: number;
  ceiling: number;
  multiplier: number;
  /** Worst-case cost at `ceiling`, and what each token of ceiling below it takes off (null: unpriced). */
  usd: number | null;
  usdPerOutputToken: number;
  /** The ledger counters the reservation holds, in the order of the reserved amounts. */
  counters: string[];
  concurrency: string | null;
};

/** The org's in-flight set: under its hash tag, beside its counters (Redis Cluster-safe). */
export const inflightSet = (orgId: string) => `${redis.prefix}{o:${orgId}}:if`;

type Reserving = {
  requestId: string;
  key: { id: string; ownerUserId: string | null; teamId: string | null; kind: string };
  org: { orgId: string };
  dimensions?: Readonly<Record<string, string>>;
  estimatedInputTokens: number;
  maxOutputTokens: number;
};

/** The entry a granted reservation records (built per request: plain fields, one JSON.stringify). */
export function requestEntry(
  r: Reserving,
  as: RecordAs,
  terms: { multiplier: number; usd: number | null; usdPerOutputToken: number },
  items: readonly { counter: string }[],
  concurrency: ConcurrencySlot | null,
): string {
  const skeleton: Skeleton = {
    id: r.requestId,
    orgId: r.org.orgId,
    keyId: r.key.id,
    userId: r.key.ownerUserId,
    teamId: r.key.teamId,
    keyKind: r.key.kind,
    provider: as.provider,
    model: as.model,
    endpoint: as.endpoint,
    stream: as.stream,
    dimensions: r.dimensions && Object.keys(r.dimensions).length ? r.dimensions : null,
    createdAt: as.receivedAt.getTime(),
    inputTokens: r.estimatedInputTokens,
    ceiling: r.maxOutputTokens,
    ...terms,
    counters: items.map((i) => i.counter),
    concurrency: concurrency?.counter ?? null,
  };
  return JSON.stringify(skeleton);
}

/** The request lost with its instance: its usage event (cost = the reservation) and the settle that counts it. */
export function lostRequest(set: string, lost: LostRequest): { event: UsageEvent; settle: SettleInput } | null {
  let s: Skeleton;
  try {
    s = JSON.parse(lost.entry) as Skeleton;
  } catch {
    return null;
  }
  const granted = Math.min(lost.granted, s.ceiling);
  const costUsd = s.usd === null ? null : Math.max(0, s.usd - s.usdPerOutputToken * (s.ceiling - granted));
  const concurrency: ConcurrencySlot | null = s.concurrency ? { counter: s.concurrency, max: 0 } : null;
  const event: UsageEvent = {
    id: s.id,
    orgId: s.orgId,
    keyId: s.keyId,
    userId: s.userId,
    teamId: s.teamId,
    keyKind: s.keyKind,
    provider: s.provider,
    model: s.model,
    endpoint: s.endpoint,
    inputTokens: s.inputTokens,
    outputTokens: granted * s.multiplier,
    cachedInputTokens: 0,
    estimated: true,
    costUsd,
    priced: costUsd !== null,
    status: ERROR_CATALOG.instance_lost.status,
    outcome: "aborted",
    errorCode: "instance_lost",
    stream: s.stream,
    latencyMs: 0,
    ttftMs: null,
    clientIp: null,
    userAgent: null,
    dimensions: s.dimensions,
    createdAt: new Date(s.createdAt),
  };
  const items = s.counters.map((counter, i) => ({ counter, amount: lost.amounts[i] ?? 0 }));
  return { event, settle: { holdId: lost.holdId, items, concurrency, inflight: set, lost: true } };
}
