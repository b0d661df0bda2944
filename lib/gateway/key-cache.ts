// Bounded in-process cache of verified keys, keyed by SHA-256 hash. Values are precompiled
// (globs, CIDRs parsed once at fill), misses are cached too so random keys cannot hammer
// Postgres, and concurrent misses for one hash share a single query.
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { env } from "@/lib/env";
import { findKeyByHash } from "@/lib/gateway/queries";
import { compileKeyPolicy, type KeyPolicy } from "@/lib/policy/compile";
import { onInvalidation } from "@/lib/invalidation";
import { toBudgetRule, type BudgetRule } from "@/lib/policy/budget-rules";
import { compileDegradeRules, type DegradeRule } from "@/lib/policy/degrade-rules";
import { compileKeyClassification, type ScopeLimit } from "@/lib/policy/classification/policy";
import type { KeyKind } from "@/lib/keys/schemas";

export type CachedKey = {
  id: string;
  orgId: string;
  name: string;
  ownerUserId: string | null;
  teamId: string | null;
  status: "active" | "revoked" | "expired" | "pending" | "suspended";
  kind: KeyKind;
  /** ms epoch or null */
  expiresAt: number | null;
  /** Set when this hash is a rotated-out secret still inside its grace period (ms epoch). */
  graceUntil: number | null;
  policy: KeyPolicy;
  budgets: readonly BudgetRule[];
  /** The key's own data-classification limit; combined with team and org per request. */
  classification: ScopeLimit;
  /** The key's own attribution values; a request's tags can never override them. */
  dimensions: Readonly<Record<string, string>>;
  /** Dimensions a request may tag where the key has no value of its own. */
  requestTags: ReadonlySet<string>;
  degradeRules: readonly DegradeRule[];
  /** Live child keys it may mint; null: it may not delegate. */
  maxChildKeys: number | null;
  /** Set on a child key: its parent, and the parent's budgets its own was carved out of at `carvedAt`. */
  delegation: { parentKeyId: string; runId: string | null; carvedAt: number; parentBudgets: readonly BudgetRule[] } | null;
};

type Status = CachedKey["status"];

/** A child key lives only while its parent does: revoking, suspending or expiring the parent ends it. */
function effectiveStatus(status: Status, parent: { status: Status; expiresAt: Date | null } | null): Status {
  if (!parent || status !== "active") return status;
  if (parent.status !== "active") return "revoked";
  return parent.expiresAt && parent.expiresAt.getTime() <= Date.now() ? "expired" : status;
}

const MISS = Symbol("miss");

const stringEntries = (json: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((json ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
type Entry = CachedKey | typeof MISS;

async function load(hash: string): Promise<Entry> {
  const row = await findKeyByHash(hash);
  if (!row) return MISS;
  const isPrevious = row.hash !== hash;
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    ownerUserId: row.ownerUserId,
    teamId: row.teamId,
    status: effectiveStatus(row.status, row.parent),
    kind: row.kind,
    expiresAt: row.expiresAt?.getTime() ?? null,
    graceUntil: isPrevious ? (row.previousHashExpiresAt?.getTime() ?? 0) : null,
    policy: compileKeyPolicy(row),
    budgets: row.budgets.map(toBudgetRule),
    classification: compileKeyClassification(row),
    dimensions: Object.freeze(stringEntries(row.dimensions)),
    requestTags: new Set(row.requestTags),
    maxChildKeys: row.maxChildKeys,
    degradeRules: compileDegradeRules(row.degradeRules, "key", row.id),
    delegation:
      row.parent && row.parentKeyId
        ? { parentKeyId: row.parentKeyId, runId: row.runId, carvedAt: row.createdAt.getTime(), parentBudgets: row.parent.budgets.map(toBudgetRule) }
        : null,
  };
}

// Stale-while-revalidate: a warm key never waits on Postgres, and keeps working while it is down.
const cache = new RefreshingCache<Entry>(load, {
  max: env.LATCH_KEY_CACHE_SIZE,
  freshMs: env.LATCH_KEY_CACHE_TTL_MS,
  maxStaleMs: env.LATCH_CACHE_MAX_STALE_MS,
});

export async function getKeyByHash(hash: string): Promise<CachedKey | null> {
  const entry = await cache.get(hash);
  return entry === MISS ? null : entry;
}

/** The cached entry without loading: a key, null for a cached miss, undefined when unknown here. */
export function peekKey(hash: string): CachedKey | null | undefined {
  const entry = cache.peek(hash);
  return entry === undefined ? undefined : entry === MISS ? null : entry;
}

/** Drops every cached entry of a key (current and previous hashes) and of its child keys. */
export function evictKey(keyId: string): void {
  for (const [hash, entry] of [...cache.values()]) if (entry !== MISS && (entry.id === keyId || entry.delegation?.parentKeyId === keyId)) cache.delete(hash);
}

onInvalidation((message) => {
  if (message.kind === "key") evictKey(message.keyId);
  else if (message.kind === "all") cache.clear();
});

export function clearKeyCache(): void {
  cache.clear();
}
