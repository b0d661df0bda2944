// In-process ledger for the embedded single-process mode and the fail-open fallback.
// JavaScript runs each call to completion, so every reserve is atomic within the process. Its
// in-flight entries live and die with the process (an embedded instance that dies loses them).
import {
  affordableOutput,
  amountAt,
  WINDOW_MS,
  type Ledger,
  type LostRequest,
  LOST_SETTLE_MS,
  type ReserveInput,
  type RenewInput,
  type ReserveResult,
  type SettleInput,
  type WindowItem,
  type WindowState,
} from "@/lib/policy/ledger/types";

type Counter = { used: number; holds: Map<string, { amount: number; expiresAt: number }>; expiresAt: number };
/** A rolling window's log (oldest first) and the sum of its costs. */
type Window = { log: { at: number; cost: number }[]; sum: number };

export class MemoryLedger implements Ledger {
  private readonly counters = new Map<string, Counter>();
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly windows = new Map<string, Window>();
  /** In-flight set → hold → its deadline and `reserved|skeleton`; and each hold's set. */
  private readonly inflight = new Map<string, Map<string, { deadline: number; value: string }>>();
  private readonly inflightOf = new Map<string, string>();
  /** Holds settled as lost with their instance, until when a later settle of theirs is a no-op. */
  private readonly settledLost = new Map<string, number>();

  /** The window as of `now` (entries older than its length dropped), and whether `cost` fits. */
  private window(item: WindowItem, cost: number, now: number): { w: Window; state: WindowState; fits: boolean } {
    const w = this.windows.get(item.counter) ?? { log: [], sum: 0 };
    let drop = 0;
    while (drop < w.log.length && w.log[drop]!.at <= now - WINDOW_MS) w.sum -= w.log[drop++]!.cost;
    if (drop) w.log.splice(0, drop);
    const fits = w.sum + cost <= item.limit;
    const remaining = Math.max(0, item.limit - w.sum - (fits ? cost : 0));
    const reset = !fits && w.log.length ? w.log[0]!.at + WINDOW_MS : now + WINDOW_MS;
    return { w, fits, state: { limit: item.limit, remaining, reset } };
  }

  private live(counter: string, now: number): Counter | undefined {
    const c = this.counters.get(counter);
    if (c && c.expiresAt <= now) {
      this.counters.delete(counter);
      return undefined;
    }
    // A lapsed hold whose request is in flight stays until a sweep turns it into spend.
    if (c) for (const [id, hold] of c.holds) if (hold.expiresAt <= now && !this.inflightOf.has(id)) c.holds.delete(id);
    return c;
  }

  async reserve({ holdId, items, concurrency, windows, holdTtlMs, now, outputTokens, clampFloor, inflight }: ReserveInput): Promise<ReserveResult> {
    const missing = items.flatMap((item, i) => (this.live(item.counter, now) ? [] : [i]));
    if (missing.length) return { ok: false, reason: "needs_base", indexes: missing };
    const counters = items.map((item) => this.counters.get(item.counter)!);
    const held = counters.map((c) => [...c.holds.values()].reduce((sum, h) => sum + h.amount, 0));
    const room = items.map((item, i) => item.limit - counters[i]!.used - held[i]!);
    const clamp = clampFloor === null ? { tokens: outputTokens, tightest: -1 } : affordableOutput(items, room, outputTokens);
    const granted = clamp.tokens;
    const amounts = items.map((item) => amountAt(item.amount, item.perOutputToken, outputTokens, granted));
    const checked = windows.map((item) => this.window(item, amountAt(item.cost, item.perOutputToken, outputTokens, granted), now));
    const refused = checked.findIndex((c) => !c.fits);
    if (refused >= 0) return { ok: false, reason: "window", index: refused, window: checked[refused]!.state };
    const refuse = (i: number): ReserveResult => ({ ok: false, reason: "budget", index: i, used: counters[i]!.used, held: held[i]! });
    if (clampFloor !== null && granted < outputTokens && granted < clampFloor) return refuse(clamp.tightest);
    const over = amounts.findIndex((amount, i) => amount > room[i]!);
    if (over >= 0) return refuse(over);
    if (concurrency) {
      const slot = this.slots.get(concurrency.counter) ?? new Map<string, number>();
      for (const [id, exp] of slot) if (exp <= now) slot.delete(id);
      if (slot.size >= concurrency.max) return { ok: false, reason: "concurrency" };
      slot.set(holdId, now + holdTtlMs);
      this.slots.set(concurrency.counter, slot);
    }
    counters.forEach((c, i) => c.holds.set(holdId, { amount: amounts[i]!, expiresAt: now + holdTtlMs }));
    checked.forEach(({ w }, i) => {
      const cost = amountAt(windows[i]!.cost, windows[i]!.perOutputToken, outputTokens, granted);
      w.log.push({ at: now, cost });
      w.sum += cost;
      this.windows.set(windows[i]!.counter, w);
    });
    if (this.windows.size > 100_000) this.windows.clear();
    if (inflight) {
      const set = this.inflight.get(inflight.key) ?? new Map();
      set.set(holdId, { deadline: now + holdTtlMs, value: `${[granted, ...amounts].join(",")}|${inflight.entry}` });
      this.inflight.set(inflight.key, set);
      this.inflightOf.set(holdId, inflight.key);
    }
    const committed = counters.map((c, i) => c.used + held[i]!);
    return { ok: true, windows: checked.map((c) => c.state), committed, outputTokens: granted, amounts };
  }

  /** Settles apply at once here: nothing waits. */
  async drain(): Promise<void> {}

  async settle({ holdId, items, concurrency, inflight, lost }: SettleInput): Promise<number[]> {
    const now = Date.now();
    if ((this.settledLost.get(holdId) ?? 0) > now) return items.map((item) => this.counters.get(item.counter)?.used ?? -1);
    if (lost) {
      for (const [id, until] of this.settledLost) if (until <= now) this.settledLost.delete(id);
      this.settledLost.set(holdId, now + LOST_SETTLE_MS);
    }
    const set = inflight ?? this.inflightOf.get(holdId);
    if (set) this.inflight.get(set)?.delete(holdId);
    this.inflightOf.delete(holdId);
    if (concurrency) this.slots.get(concurrency.counter)?.delete(holdId);
    return items.map((item) => {
      const c = this.counters.get(item.counter);
      if (!c) return -1;
      c.holds.delete(holdId);
      c.used += item.amount;
      return c.used;
    });
  }

  async renew({ holdId, counters, concurrency, holdTtlMs, now }: RenewInput): Promise<void> {
    const slot = concurrency ? this.slots.get(concurrency.counter) : undefined;
    if (slot?.has(holdId)) slot.set(holdId, now + holdTtlMs);
    for (const counter of counters) {
      const hold = this.counters.get(counter)?.holds.get(holdId);
      if (hold) hold.expiresAt = now + holdTtlMs;
    }
    const entry = this.inflight.get(this.inflightOf.get(holdId) ?? "")?.get(holdId);
    if (entry) entry.deadline = now + holdTtlMs;
  }

  async claimLost(inflight: string, now: number, leaseMs: number, limit: number): Promise<LostRequest[]> {
    const lost: LostRequest[] = [];
    for (const [holdId, entry] of this.inflight.get(inflight) ?? []) {
      if (lost.length >= limit) break;
      if (entry.deadline > now) continue;
      entry.deadline = now + leaseMs;
      const bar = entry.value.indexOf("|");
      const [granted = 0, ...amounts] = entry.value.slice(0, bar).split(",").map(Number);
      lost.push({ holdId, granted, amounts, entry: entry.value.slice(bar + 1) });
    }
    return lost;
  }

  async transfer({ holdId, items }: { holdId: string; items: { counter: string; amount: number }[] }): Promise<void> {
    for (const item of items) {
      const c = this.counters.get(item.counter);
      if (!c) continue;
      const hold = c.holds.get(holdId);
      if (hold) {
        hold.amount -= Math.min(hold.amount, item.amount);
        if (hold.amount === 0) c.holds.delete(holdId);
      }
      c.used += item.amount;
    }
  }

  async peek(counters: string[]): Promise<number[]> {
    return counters.map((counter) => {
      const c = this.counters.get(counter);
      return c ? c.used + [...c.holds.values()].reduce((sum, h) => sum + h.amount, 0) : -1;
    });
  }

  async setBase(counter: string, value: number, expiresAt: number): Promise<void> {
    if (!this.counters.has(counter)) this.counters.set(counter, { used: value, holds: new Map(), expiresAt });
  }
}
