// A reserve against one budget counter, as the ledger's tests make them: `amount` of `limit`,
// no rate windows, no clamping, held for 30 s.
import { randomUUID } from "node:crypto";
import type { ConcurrencySlot, Ledger, ReserveInput, ReserveResult } from "@/lib/policy/ledger/types";

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

/**
 * A reserve, then its settle sent in the same turn as a second reserve on a one-slot concurrency
 * limit: resolves with what the settle and the second reserve answered (granted only if the settle
 * ran first).
 */
export async function settleThenReserve(ledger: Ledger): Promise<{ settled: number[]; second: ReserveResult }> {
  const tag = `{o:${randomUUID()}}`;
  const counter = `${tag}:budget`;
  const now = Date.now();
  await ledger.setBase(counter, 0, now + 3_600_000);
  const slot = { counter: `${tag}:slot`, max: 1 };
  const first = oneCounterReserve(counter, { holdId: randomUUID(), now, concurrency: slot });
  if (!(await ledger.reserve(first)).ok) throw new Error("the first reserve was refused");
  const settled = ledger.settle({ holdId: first.holdId, items: [{ counter, amount: 100 }], concurrency: slot });
  const second = ledger.reserve(oneCounterReserve(counter, { holdId: randomUUID(), now, concurrency: slot }));
  return { settled: await settled, second: await second };
}
