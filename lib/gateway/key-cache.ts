// Bounded in-process cache of verified keys, keyed by SHA-256 hash. Values are precompiled
// (globs, CIDRs parsed once at fill), misses are cached too so random keys cannot hammer
// Postgres, and concurrent misses for one hash share a single query.
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { env } from "@/lib/env";
import { findKeyByHash } from "@/lib/gateway/queries";
import { compileKeyPolicy, type KeyPolicy } from "@/lib/policy/compile";
import { onInvalidation } from "@/lib/invalidation";
import { toBudgetRule, type BudgetRule } from "@/lib/policy/budget-rules";
import { compileKeyClassification, type ScopeLimit } from "@/lib/policy/classification/policy";

export type CachedKey = {
  id: string;
  orgId: string;
  name: string;
  ownerUserId: string | null;
  teamId: string | null;
  status: "active" | "revoked" | "expired" | "pending" | "suspended";
  /** ms epoch or null */
  expiresAt: number | null;
  /** Set when this hash is a rotated-out secret still inside its grace period (ms epoch). */
  graceUntil: number | null;
  policy: KeyPolicy;
  budgets: readonly BudgetRule[];
  /** The key's own data-classification limit; combined with team and org per request. */
  classification: ScopeLimit;
};

const MISS = Symbol("miss");
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
    status: row.status,
    expiresAt: row.expiresAt?.getTime() ?? null,
    graceUntil: isPrevious ? (row.previousHashExpiresAt?.getTime() ?? 0) : null,
    policy: compileKeyPolicy(row),
    budgets: row.budgets.map(toBudgetRule),
    classification: compileKeyClassification(row),
  };
}

// Stale-while-revalidate: a warm key never waits on Postgres, and keeps working while it is down.
const cache = new RefreshingCache<Entry>(load, { max: env.LATCH_KEY_CACHE_SIZE, freshMs: env.LATCH_KEY_CACHE_TTL_MS, maxStaleMs: env.LATCH_CACHE_MAX_STALE_MS });

export async function getKeyByHash(hash: string): Promise<CachedKey | null> {
  const entry = await cache.get(hash);
  return entry === MISS ? null : entry;
}

/** The cached entry without loading: a key, null for a cached miss, undefined when unknown here. */
export function peekKey(hash: string): CachedKey | null | undefined {
  const entry = cache.peek(hash);
  return entry === undefined ? undefined : entry === MISS ? null : entry;
}

/** Drops every cached entry of a key (current and previous hashes). */
export function evictKey(keyId: string): void {
  for (const [hash, entry] of [...cache.values()]) if (entry !== MISS && entry.id === keyId) cache.delete(hash);
}

onInvalidation((message) => {
  if (message.kind === "key") evictKey(message.keyId);
  else if (message.kind === "all") cache.clear();
});

export function clearKeyCache(): void {
  cache.clear();
}
