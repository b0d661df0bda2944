// A reserve against one budget counter, as the ledger's tests make them: `amount` of `limit`,
// no rate windows, no clamping, held for 30 s.
import type { ConcurrencySlot, ReserveInput } from "@/lib/policy/ledger/types";

export function oneCounterReserve(
  counter: string,
  {
    holdId,
    now,
    limit = 1_000_000,
    amount = 100,
    concurrency = null,
  }: { holdId: string; now: number; limit?: number; amount?: number; concurrency?: ConcurrencySlot | null },
): ReserveInput {
  return {
    holdId,
    items: [{ counter, limit, amount, perOutputToken: 0, expiresAt: now + 3_600_000 }],
    concurrency,
    windows: [],
    holdTtlMs: 30_000,
    now,
    outputTokens: 10,
    clampFloor: null,
  };
}
