// Counters checked before forwarding, in one atomic ledger call: request and token windows,
// concurrency, and budgets (reserve the worst case, or clamp the output ceiling to what the
// budgets can pay, then settle to actual). A lease is taken before the provider is called.
import { env } from "@/lib/env";
import { InvalidRequestError, PermissionError, RateLimitError, ServiceUnavailableError } from "@/lib/errors";
import { redis } from "@/lib/redis";
import { periodWindow } from "@/lib/policy/periods";
import { settledInPeriod } from "@/lib/policy/budget-base";
import { budgetCounter } from "@/lib/policy/budget-counters";
import { spendFromCarve } from "@/lib/policy/carve";
import { dimensionBudgetKey, usdToNano, type BudgetRule } from "@/lib/policy/budget-rules";
import { limitBackends, limitStats, type LimitBackends } from "@/lib/policy/limit-state";
import { budgetExceeded, budgetRemainingHeaders, rateLimitHeaders } from "@/lib/policy/limit-errors";
import type { LedgerItem, WindowItem } from "@/lib/policy/ledger/types";
import { checkBudgetAlerts } from "@/lib/alerts/check";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { Usage } from "@/lib/providers/types";
import type { DegradeRule } from "@/lib/policy/degrade-rules";
import { reservationRates, type Price } from "@/lib/usage/pricing";
import { keepHoldsAlive } from "@/lib/policy/hold-renewal";
import { inflightSet, requestEntry, type RecordAs } from "@/lib/policy/in-flight";

export type LimitRequest = {
  requestId: string;
  key: CachedKey;
  org: OrgSnapshot;
  estimatedInputTokens: number;
  maxOutputTokens: number;
  price: Price | null;
  /** The service tier the request asks for (OpenAI `service_tier`), if any. */
  serviceTier?: string | null;
  now: number;
  /** Costs nothing (token counting, retrieval): request windows and concurrency apply, budgets and caps do not. */
  free?: boolean;
  /** The request's attribution values: budgets on any of them apply too. */
  dimensions?: Readonly<Record<string, string>>;
  /** A degrade rule throttling this request's scope: one more request window, shared by the scope. */
  throttle?: DegradeRule | null;
  /** Completions per request (`n`, `best_of`): each may produce `maxOutputTokens`. Default 1. */
  outputMultiplier?: number;
  /** Built-in tool calls priced per call (web search) the request may make. */
  toolCalls?: number;
  /** Set when the request's cost has no bound known before the answer: refused where a budget or cap applies. */
  unbounded?: { param: string; reason: string } | null;
  /** Set when the request goes upstream once granted: it is then recorded in flight until it settles. */
  recordAs?: RecordAs;
};

export type Lease = {
  /** Response headers describing the key's windows (x-ratelimit-*). */
  headers: Record<string, string>;
  /** Output ceiling covered by the reservation (clamped when the org clamps); the upstream request must not exceed it. */
  maxOutputTokens: number;
  /** Whether any budget applies (then the ceiling must be sent upstream). */
  budgeted: boolean;
  /**
   * Replaces the hold by the actual usage, clamped to what was reserved so no counter passes its
   * cap. `overReservation`: the provider billed more than the reservation (an anomaly to record).
   */
  settle(usage: Usage, costUsd: number | null): { overReservation: boolean };
  release(): void;
};

/** Set when clamp admission lowered the request's output ceiling: the ceiling the provider was sent. */
export const CLAMPED_HEADER = "x-latch-max-tokens-clamped";

export function applicableBudgets(key: CachedKey, org: OrgSnapshot, dimensions: Readonly<Record<string, string>> = {}): BudgetRule[] {
  const rules = [
    ...key.budgets,
    ...(key.ownerUserId ? (org.userBudgets.get(key.ownerUserId) ?? []) : []),
    ...(key.teamId ? (org.teamBudgets.get(key.teamId) ?? []) : []),
    ...org.orgBudgets,
  ];
  if (org.dimensionBudgets.size)
    for (const [name, value] of Object.entries(dimensions)) rules.push(...(org.dimensionBudgets.get(dimensionBudgetKey(name, value)) ?? []));
  return rules;
}

// The reservation prices every token at the dearest class and tier it could be billed at, so
// settling to the actual cost can only release, never exceed, what a cap admitted.
const worstRates = (r: LimitRequest) => (r.price ? reservationRates(r.price, r.estimatedInputTokens, r.serviceTier) : null);

const multiplier = (r: LimitRequest) => r.outputMultiplier ?? 1;

const worstCaseUsd = (r: LimitRequest, outputTokens: number) => {
  const rates = worstRates(r);
  if (!rates || !r.price) return null;
  const tools = ((r.toolCalls ?? 0) * r.price.webSearchPerKCalls) / 1_000;
  return (r.estimatedInputTokens * rates.inputPerMTok + outputTokens * multiplier(r) * rates.outputPerMTok) / 1e6 + tools;
};

/** What the in-flight entry records of the reservation's terms (its cost at the ceiling and per output token). */
const reservedTerms = (r: LimitRequest) => ({
  multiplier: multiplier(r),
  usd: r.free ? 0 : worstCaseUsd(r, r.maxOutputTokens),
  usdPerOutputToken: r.free ? 0 : ((worstRates(r)?.outputPerMTok ?? 0) * multiplier(r)) / 1e6,
});

function checkPerRequestCaps(r: LimitRequest, rules: BudgetRule[]): BudgetRule[] {
  const cap = r.key.policy.maxRequestCostUsd;
  // What cannot be bounded cannot be reserved: where a cap applies, such a request is refused.
  if (r.unbounded && (rules.length > 0 || cap !== null))
    throw new InvalidRequestError(
      `${r.unbounded.reason} This key has a budget or a per-request cap, so Latch cannot admit it.`,
      r.unbounded.param,
      "unbounded_cost",
    );
  // Unpriced is not free: without a price no spend could be attributed or capped, so such models
  // are refused unless the org explicitly allows them (then spend caps cannot apply to them).
  if (!r.price) {
    if (!r.org.allowUnpricedModels)
      throw new PermissionError(
        "model_unpriced",
        "This model has no price in Latch's catalog, so its spend cannot be tracked. Ask an admin to price it or to allow unpriced models.",
      );
    return rules.filter((b) => b.kind !== "spend");
  }
  const worst = worstCaseUsd(r, r.maxOutputTokens);
  if (cap !== null && worst !== null && worst > cap)
    throw new InvalidRequestError(
      `This request could cost up to $${worst.toFixed(6)}, over this key's per-request cap of $${cap}. Lower max_tokens.`,
      "max_tokens",
      "request_too_expensive",
    );
  return rules;
}

/** Nano-USD per million tokens at a USD-per-million rate, per single token. */
const NANO_PER_TOKEN_PER_USD_PER_MTOK = 1_000;

function ledgerItems(r: LimitRequest, rules: BudgetRule[]): LedgerItem[] {
  const worst = worstCaseUsd(r, r.maxOutputTokens) ?? 0;
  const outputRate = (worstRates(r)?.outputPerMTok ?? 0) * multiplier(r) * NANO_PER_TOKEN_PER_USD_PER_MTOK;
  return rules.map((rule) => {
    const spend = rule.kind === "spend";
    return {
      ...budgetCounter(r.org.orgId, rule, r.org.timeZone, r.now),
      limit: rule.limit,
      amount: spend ? usdToNano(worst) : r.estimatedInputTokens + r.maxOutputTokens * multiplier(r),
      perOutputToken: spend ? outputRate : multiplier(r),
    };
  });
}

type RateWindow = WindowItem & { unit: "requests" | "tokens"; rule?: DegradeRule };

/** Rate windows of this key, counted in the same atomic step as concurrency and budgets. */
function windowItems(r: LimitRequest): RateWindow[] {
  const { rpmLimit, tpmLimit } = r.key.policy;
  const base = `${redis.prefix}{o:${r.org.orgId}}:w:${r.key.id}`;
  const windows: RateWindow[] = [];
  if (rpmLimit) windows.push({ unit: "requests", counter: `${base}:rpm`, limit: rpmLimit, cost: 1, perOutputToken: 0 });
  if (tpmLimit)
    windows.push({
      unit: "tokens",
      counter: `${base}:tpm`,
      limit: tpmLimit,
      cost: r.estimatedInputTokens + r.maxOutputTokens * multiplier(r),
      perOutputToken: multiplier(r),
    });
  const rule = r.throttle;
  if (rule?.throttleRpm)
    windows.push({
      unit: "requests",
      counter: `${redis.prefix}{o:${r.org.orgId}}:dg:${rule.scope}:${rule.scopeId}:${rule.name}`,
      limit: rule.throttleRpm,
      cost: 1,
      perOutputToken: 0,
      rule,
    });
  return windows;
}

async function reserve(b: LimitBackends, r: LimitRequest, rules: BudgetRule[], items: LedgerItem[], windows: WindowItem[]) {
  const concurrency = r.key.policy.maxConcurrent ? { counter: `${redis.prefix}{o:${r.org.orgId}}:cc:${r.key.id}`, max: r.key.policy.maxConcurrent } : null;
  if (items.length === 0 && windows.length === 0 && !concurrency)
    return { result: { ok: true as const, windows: [], committed: [], amounts: [], outputTokens: r.maxOutputTokens }, concurrency };
  // Clamping only ever lowers a ceiling that budgets priced: without one there is nothing to fit.
  const clampFloor = r.org.clampMaxTokens && items.length > 0 ? r.org.clampFloorTokens : null;
  const inflight = r.recordAs ? { key: inflightSet(r.org.orgId), entry: requestEntry(r, r.recordAs, reservedTerms(r), items, concurrency) } : null;
  const input = {
    holdId: r.requestId,
    items,
    concurrency,
    windows,
    holdTtlMs: env.LATCH_HOLD_TTL_MS,
    now: r.now,
    outputTokens: r.maxOutputTokens,
    clampFloor,
    inflight,
  };
  let result = await b.ledger.reserve(input);
  if (!result.ok && result.reason === "needs_base") {
    const ids = { orgId: r.org.orgId, keyId: r.key.id, userId: r.key.ownerUserId, teamId: r.key.teamId };
    await Promise.all(
      result.indexes.map(async (i) => {
        const w = periodWindow(rules[i]!.period, r.org.timeZone, r.now);
        await b.ledger.setBase(items[i]!.counter, await settledInPeriod(rules[i]!, ids, w.start, w.end), items[i]!.expiresAt);
      }),
    );
    result = await b.ledger.reserve(input);
  }
  return { result, concurrency };
}

async function attempt(b: LimitBackends, r: LimitRequest): Promise<Lease> {
  const rules = r.free ? [] : checkPerRequestCaps(r, applicableBudgets(r.key, r.org, r.dimensions));
  const items = ledgerItems(r, rules);
  const windows = windowItems(r);
  // One call, one Redis round trip: windows, concurrency and budgets (and, when the org clamps,
  // the output ceiling they can still pay for), all or nothing.
  const { result, concurrency } = await reserve(b, r, rules, items, windows);
  if (!result.ok) {
    if (result.reason === "window") {
      const { unit: which, rule } = windows[result.index]!;
      if (rule)
        throw new RateLimitError(
          "degrade_throttled",
          `Throttled to ${rule.throttleRpm} requests per minute by the degrade rule "${rule.name}".`,
          (result.window.reset - r.now) / 1000,
          { degrade_rule: rule.name },
        );
      throw new RateLimitError("rate_limit_exceeded", `Rate limit reached for ${which} per minute on this key.`, (result.window.reset - r.now) / 1000, {
        limit_type: which,
      });
    }
    if (result.reason === "concurrency") throw new RateLimitError("concurrency_limit_exceeded", "Too many concurrent requests for this key.", 1);
    if (result.reason === "budget") throw budgetExceeded(rules[result.index]!, r, result.used);
    throw new ServiceUnavailableError("limits_unavailable", "Usage limits could not be checked.");
  }

  const granted = (unit: RateWindow["unit"]) => result.windows[windows.findIndex((w) => w.unit === unit)] ?? null;
  const { committed, outputTokens } = result;
  const limits = items.map((i) => i.limit);
  // Sent as is with a stream's headers (worst case held); replaced by the actual once settled.
  const headers: Record<string, string> = {
    ...rateLimitHeaders(granted("requests"), granted("tokens"), r.now),
    ...budgetRemainingHeaders(rules, limits, committed, result.amounts),
  };
  if (outputTokens < r.maxOutputTokens) headers[CLAMPED_HEADER] = String(outputTokens);
  let settled = false;
  const lost = r.recordAs ? inflightSet(r.org.orgId) : null;
  const forget = keepHoldsAlive({ ledger: b.ledger, holdId: r.requestId, counters: items.map((i) => i.counter), concurrency, inflight: lost });
  return {
    headers,
    maxOutputTokens: outputTokens,
    budgeted: rules.length > 0,
    settle(usage, costUsd) {
      if (settled) return { overReservation: false };
      settled = true;
      forget();
      const actual = rules.map((rule) => (rule.kind === "spend" ? usdToNano(costUsd ?? 0) : usage.inputTokens + usage.outputTokens));
      // The reservation fitted every cap; a provider billing past it (more output than the
      // ceiling it was sent) is recorded in full on the usage event, but never carried past a cap.
      const amounts = actual.map((a, n) => Math.min(a, result.amounts[n] ?? a));
      const overReservation = actual.some((a, n) => a > amounts[n]!);
      Object.assign(headers, budgetRemainingHeaders(rules, limits, committed, amounts));
      void b.ledger
        .settle({ holdId: r.requestId, items: items.map((i, n) => ({ counter: i.counter, amount: amounts[n]! })), concurrency, inflight: lost })
        .then((totals) => checkBudgetAlerts(r, rules, amounts, totals))
        .catch(() => {});
      if (r.key.delegation && !r.free) void rollUpToParent(r, usage, costUsd, outputTokens).catch(() => {});
      return { overReservation };
    },
    release() {
      if (settled) return;
      settled = true;
      forget();
      void b.ledger.settle({ holdId: r.requestId, items: items.map((i) => ({ counter: i.counter, amount: 0 })), concurrency, inflight: lost }).catch(() => {});
    },
  };
}

/**
 * A child key's usage counts against its parent's own budgets too, taken out of the child's carve,
 * clamped like the child's own counters to the request's worst case at its granted ceiling.
 */
function rollUpToParent(r: LimitRequest, usage: Usage, costUsd: number | null, outputTokens: number) {
  const d = r.key.delegation!;
  const scope = { orgId: r.org.orgId, timeZone: r.org.timeZone, parentKeyId: d.parentKeyId, rules: d.parentBudgets, carvedAt: d.carvedAt };
  const spend = Math.min(costUsd ?? 0, worstCaseUsd(r, outputTokens) ?? Number.POSITIVE_INFINITY);
  const tokens = Math.min(usage.inputTokens + usage.outputTokens, r.estimatedInputTokens + outputTokens * multiplier(r));
  return spendFromCarve(scope, r.key.id, { spend: usdToNano(spend), tokens });
}

export async function acquireLimits(r: LimitRequest): Promise<Lease> {
  try {
    if (!limitBackends.primary.available()) throw new Error("the shared limit store is unreachable");
    return await attempt(limitBackends.primary, r);
  } catch (err) {
    if (!isInfrastructureFault(err)) throw err;
    limitStats.redisFaults++;
    if (r.org.budgetFailMode === "open") {
      limitStats.failedOpen++;
      return attempt(limitBackends.fallback, r);
    }
    limitStats.failedClosed++;
    throw new ServiceUnavailableError("limits_unavailable", "Usage limits cannot be checked right now, so the request was not sent. Try again shortly.");
  }
}

function isInfrastructureFault(err: unknown): boolean {
  return !(err instanceof Error && "status" in err && "code" in err) && limitBackends.primary.shared;
}
