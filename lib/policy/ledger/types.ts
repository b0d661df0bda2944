// The limit ledger: in one atomic step (all or nothing), consume the request's rate windows, take
// a concurrency slot and reserve its worst case against every applicable budget; then settle to
// actual usage or release. Holds expire, so a crashed instance cannot leak reservations into
// false refusals.

export type LedgerItem = {
  /** Counter id: one per budget and period start. */
  counter: string;
  limit: number;
  amount: number;
  /** ms epoch after which the counter may be dropped (period end + margin). */
  expiresAt: number;
};

export type ConcurrencySlot = { counter: string; max: number };

/**
 * A one-minute sliding window (requests or tokens per minute): the weighted two-window
 * approximation of @upstash/ratelimit's slidingWindow, so every backend counts alike.
 */
export type WindowItem = { counter: string; limit: number; cost: number };

export type WindowState = { limit: number; remaining: number; reset: number };

export const WINDOW_MS = 60_000;

export type ReserveInput = {
  holdId: string;
  items: LedgerItem[];
  concurrency: ConcurrencySlot | null;
  windows: WindowItem[];
  holdTtlMs: number;
  now: number;
};

export type ReserveResult =
  /** `committed`: each budget's settled plus held amount before this reservation. */
  | { ok: true; windows: WindowState[]; committed: number[] }
  | { ok: false; reason: "window"; index: number; window: WindowState }
  | { ok: false; reason: "budget"; index: number; used: number; held: number }
  | { ok: false; reason: "concurrency" }
  /** Counters unknown to the store (new period, or the store lost them): load a base and retry. */
  | { ok: false; reason: "needs_base"; indexes: number[] };

export type SettleInput = {
  holdId: string;
  items: { counter: string; amount: number }[];
  concurrency: ConcurrencySlot | null;
};

export interface Ledger {
  reserve(input: ReserveInput): Promise<ReserveResult>;
  /** Replaces holds by actual amounts (0 releases); returns each counter's new settled total (-1 if unknown). */
  settle(input: SettleInput): Promise<number[]>;
  /** Seeds a counter's settled total if it is absent (from Postgres, after a flush or at period start). */
  setBase(counter: string, value: number, expiresAt: number): Promise<void>;
}
