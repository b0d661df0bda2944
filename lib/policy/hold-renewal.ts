// Holds (concurrency slots, budget reservations) are short-lived, so the holds of an instance
// that dies without settling free within one TTL; the live ones are renewed here, by one sweep
// per process every third of the TTL rather than a timer per request.
import { env } from "@/lib/env";
import type { ConcurrencySlot, Ledger } from "@/lib/policy/ledger/types";

type LiveHold = {
  ledger: Ledger;
  holdId: string;
  counters: string[];
  concurrency: ConcurrencySlot | null;
  /** The org's in-flight set, whose entry for the request is renewed with its holds. */
  inflight: string | null;
  since: number;
  renewedAt: number;
};

/**
 * A hold is renewed for at most this long: a request that somehow never settles must not keep its
 * slot forever (streams longer than this lose their hold, and so stop blocking others).
 */
const MAX_RENEWAL_MS = 60 * 60_000;

const holder = globalThis as unknown as { latchLiveHolds?: Map<string, LiveHold>; latchHoldTimer?: NodeJS.Timeout | null };
const live = (holder.latchLiveHolds ??= new Map());

const period = () => Math.max(100, Math.floor(env.LATCH_HOLD_TTL_MS / 3));

function renewAll() {
  const now = Date.now();
  for (const hold of live.values()) {
    if (now - hold.since > MAX_RENEWAL_MS) {
      live.delete(hold.holdId);
      continue;
    }
    // Renewed less than half a sweep ago: not due, so a short request is never renewed (no extra
    // command on the hot path). Any other hold is renewed at every sweep, a third of a TTL apart;
    // one that fails (Redis away) is retried at the next, still before the TTL ends.
    if (now - hold.renewedAt < period() / 2) continue;
    hold.renewedAt = now;
    void hold.ledger
      .renew({ holdId: hold.holdId, counters: hold.counters, concurrency: hold.concurrency, inflight: hold.inflight, holdTtlMs: env.LATCH_HOLD_TTL_MS, now })
      .catch(() => {});
  }
  if (live.size === 0 && holder.latchHoldTimer) {
    clearInterval(holder.latchHoldTimer);
    holder.latchHoldTimer = null;
  }
}

/** Renews the request's holds until the returned function is called (on settle or release). */
export function keepHoldsAlive(hold: Omit<LiveHold, "since" | "renewedAt">): () => void {
  if (hold.counters.length === 0 && !hold.concurrency && !hold.inflight) return () => {};
  const now = Date.now();
  live.set(hold.holdId, { ...hold, since: now, renewedAt: now });
  if (!holder.latchHoldTimer) {
    holder.latchHoldTimer = setInterval(renewAll, period());
    holder.latchHoldTimer.unref();
  }
  return () => live.delete(hold.holdId);
}

/** Requests whose holds this process renews right now. */
export const liveHolds = () => live.size;
