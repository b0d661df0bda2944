// The limit ledger: in one atomic step (all or nothing), consume the request's rate windows, take
// a concurrency slot and reserve its worst case against every applicable budget; then settle to
// actual usage or release. Holds expire, so a crashed instance cannot leak reservations into
// false refusals.

export type LedgerItem = {
  /** Counter id: one per budget and period start. */
  counter: string;
  limit: number;
  /** What the request takes at its full output ceiling. */
  amount: number;
  /** How much of `amount` each output token accounts for (what clamping the ceiling gives back). */
  perOutputToken: number;
  /** ms epoch after which the counter may be dropped (period end + margin). */
  expiresAt: number;
};

export type ConcurrencySlot = { counter: string; max: number };

/**
 * A rolling one-minute window (requests or tokens per minute), exact: what was admitted in the
 * last 60 s, whatever minute boundary it straddles, never exceeds the limit.
 */
export type WindowItem = { counter: string; limit: number; cost: number; perOutputToken: number };

/** `reset`: when room next frees (a refusal: the oldest entry leaving; admitted: the window's length from now). */
export type WindowState = { limit: number; remaining: number; reset: number };

export const WINDOW_MS = 60_000;

export type ReserveInput = {
  holdId: string;
  items: LedgerItem[];
  concurrency: ConcurrencySlot | null;
  windows: WindowItem[];
  holdTtlMs: number;
  now: number;
  /** The request's output ceiling, which `amount` and `cost` are computed at. */
  outputTokens: number;
  /**
   * Clamp admission: when the full ceiling does not fit every budget, grant the largest one that
   * does (found in the same atomic step as the reservation) unless it is under this floor.
   * Null: the full ceiling fits or the request is refused.
   */
  clampFloor: number | null;
  /** Recorded with a granted reservation, so the request is accounted for if its instance dies. */
  inflight?: InFlightRecord | null;
};

/**
 * Where a granted request waits until it settles: `key`, the org's in-flight set (same hash tag as
 * its counters), and `entry`, its usage skeleton (no secret, no prompt). Scored by the hold's
 * deadline and renewed with it; settling removes it; past its deadline, a sweep claims it.
 */
export type InFlightRecord = { key: string; entry: string };

/**
 * A request whose instance stopped renewing it. `granted`: the output ceiling reserved;
 * `amounts`: what each counter of the entry holds; `entry`: the skeleton as recorded.
 */
export type LostRequest = { holdId: string; granted: number; amounts: number[]; entry: string };

export type ReserveResult =
  /**
   * `committed`: each budget's settled plus held amount before this reservation. `outputTokens`:
   * the ceiling granted (the requested one unless clamped); `amounts`: what was reserved for it.
   */
  | { ok: true; windows: WindowState[]; committed: number[]; outputTokens: number; amounts: number[] }
  | { ok: false; reason: "window"; index: number; window: WindowState }
  | { ok: false; reason: "budget"; index: number; used: number; held: number }
  | { ok: false; reason: "concurrency" }
  /** Counters unknown to the store (new period, or the store lost them): load a base and retry. */
  | { ok: false; reason: "needs_base"; indexes: number[] };

/** An item's amount once its output ceiling is cut from `requested` to `granted`, rounded up. */
export function amountAt(total: number, perOutputToken: number, requested: number, granted: number): number {
  return granted >= requested ? total : Math.ceil(total - perOutputToken * (requested - granted));
}

/**
 * The largest output ceiling for which every budget still has room (`room[i]`: limit minus settled
 * and held), and the index of the budget that set it; `requested` and -1 when everything fits.
 */
export function affordableOutput(items: readonly LedgerItem[], room: readonly number[], requested: number): { tokens: number; tightest: number } {
  let tokens = requested;
  let tightest = -1;
  items.forEach((item, i) => {
    const excess = item.amount - room[i]!;
    if (excess <= 0) return;
    const fits = item.perOutputToken > 0 ? Math.floor(requested - excess / item.perOutputToken) : -1;
    if (fits < tokens) {
      tokens = fits;
      tightest = i;
    }
  });
  return { tokens, tightest };
}

export type SettleInput = {
  holdId: string;
  items: { counter: string; amount: number }[];
  concurrency: ConcurrencySlot | null;
  /** The org's in-flight set the request's entry leaves in the same step. */
  inflight?: string | null;
  /**
   * The settle of a request lost with its instance: a later settle of the same hold (its instance
   * was alive after all, cut off from the store for a TTL) is a no-op for `LOST_SETTLE_MS`.
   */
  lost?: boolean;
};

/** Longer than a request's holds are ever renewed for (an hour). */
export const LOST_SETTLE_MS = 2 * 60 * 60_000;

/** A live request's holds, pushed to expire `holdTtlMs` after `now` (only holds still there). */
export type RenewInput = { holdId: string; counters: string[]; concurrency: ConcurrencySlot | null; holdTtlMs: number; now: number; inflight?: string | null };

export interface Ledger {
  reserve(input: ReserveInput): Promise<ReserveResult>;
  /** Replaces holds by actual amounts (0 releases); returns each counter's new settled total (-1 if unknown). */
  settle(input: SettleInput): Promise<number[]>;
  /** Resolves once every settle handed over so far has landed or given up (shutdown waits on it). */
  drain(): Promise<void>;
  /**
   * Moves spend into each counter's settled total out of a standing hold (a child key's carve):
   * the hold shrinks by the amount (to zero at most), so the total of settled and held is unchanged
   * while the amount stays within the hold.
   */
  transfer(input: { holdId: string; items: { counter: string; amount: number }[] }): Promise<void>;
  /**
   * Keeps a live request's holds from expiring: holds are short-lived (a crashed instance's
   * free within their TTL) and renewed while their request lives. A settled or swept hold stays gone.
   */
  renew(input: RenewInput): Promise<void>;
  /**
   * Entries of an in-flight set past their deadline (at most `limit`), each leased to the caller
   * for `leaseMs` in the same atomic step, so one sweep handles it; settling it removes it.
   */
  claimLost(inflight: string, now: number, leaseMs: number, limit: number): Promise<LostRequest[]>;
  /** Each counter's settled plus held total, without taking anything (-1 when unknown). */
  peek(counters: string[]): Promise<number[]>;
  /** Seeds a counter's settled total if it is absent (from Postgres, after a flush or at period start). */
  setBase(counter: string, value: number, expiresAt: number): Promise<void>;
}
