// Bounded in-process cache of verified keys, keyed by SHA-256 hash. Values are precompiled
// (globs, CIDRs parsed once at fill), misses are cached too so random keys cannot hammer
// Postgres, and concurrent misses for one hash share a single query.
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env";
import { findKeyByHash } from "@/lib/gateway/queries";
import { compileKeyPolicy, type KeyPolicy } from "@/lib/policy/compile";
import { onInvalidation } from "@/lib/gateway/invalidation";
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

const cache = new LRUCache<string, Entry>({ max: env.LATCH_KEY_CACHE_SIZE, ttl: env.LATCH_KEY_CACHE_TTL_MS });
const inflight = new Map<string, Promise<Entry>>();

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

export async function getKeyByHash(hash: string): Promise<CachedKey | null> {
  let entry = cache.get(hash);
  if (entry === undefined) {
    let pending = inflight.get(hash);
    if (!pending) {
      pending = load(hash).finally(() => inflight.delete(hash));
      inflight.set(hash, pending);
    }
    entry = await pending;
    cache.set(hash, entry);
  }
  return entry === MISS ? null : entry;
}

/** The cached entry without loading: a key, null for a cached miss, undefined when unknown here. */
export function peekKey(hash: string): CachedKey | null | undefined {
  const entry = cache.get(hash);
  return entry === undefined ? undefined : entry === MISS ? null : entry;
}

/** Drops every cached entry of a key (current and previous hashes). */
export function evictKey(keyId: string): void {
  for (const [hash, entry] of cache.entries()) if (entry !== MISS && entry.id === keyId) cache.delete(hash);
}

onInvalidation((message) => {
  if (message.kind === "key") evictKey(message.keyId);
});

export function clearKeyCache(): void {
  cache.clear();
}
