// In-process ledger for the embedded single-process mode and the fail-open fallback.
// JavaScript runs each call to completion, so every reserve is atomic within the process.
import type { Ledger, ReserveInput, ReserveResult, SettleInput } from "@/lib/policy/ledger/types";

type Counter = { used: number; holds: Map<string, { amount: number; expiresAt: number }>; expiresAt: number };

export class MemoryLedger implements Ledger {
  private readonly counters = new Map<string, Counter>();
  private readonly slots = new Map<string, Map<string, number>>();

  private live(counter: string, now: number): Counter | undefined {
    const c = this.counters.get(counter);
    if (c && c.expiresAt <= now) {
      this.counters.delete(counter);
      return undefined;
    }
    if (c) for (const [id, hold] of c.holds) if (hold.expiresAt <= now) c.holds.delete(id);
    return c;
  }

  async reserve({ holdId, items, concurrency, holdTtlMs, now }: ReserveInput): Promise<ReserveResult> {
    const missing = items.flatMap((item, i) => (this.live(item.counter, now) ? [] : [i]));
    if (missing.length) return { ok: false, reason: "needs_base", indexes: missing };
    for (const [i, item] of items.entries()) {
      const c = this.counters.get(item.counter)!;
      let held = 0;
      for (const h of c.holds.values()) held += h.amount;
      if (c.used + held + item.amount > item.limit) return { ok: false, reason: "budget", index: i, used: c.used, held };
    }
    if (concurrency) {
      const slot = this.slots.get(concurrency.counter) ?? new Map<string, number>();
      for (const [id, exp] of slot) if (exp <= now) slot.delete(id);
      if (slot.size >= concurrency.max) return { ok: false, reason: "concurrency" };
      slot.set(holdId, now + holdTtlMs);
      this.slots.set(concurrency.counter, slot);
    }
    for (const item of items) this.counters.get(item.counter)!.holds.set(holdId, { amount: item.amount, expiresAt: now + holdTtlMs });
    return { ok: true };
  }

  async settle({ holdId, items, concurrency }: SettleInput): Promise<number[]> {
    if (concurrency) this.slots.get(concurrency.counter)?.delete(holdId);
    return items.map((item) => {
      const c = this.counters.get(item.counter);
      if (!c) return -1;
      c.holds.delete(holdId);
      c.used += item.amount;
      return c.used;
    });
  }

  async setBase(counter: string, value: number, expiresAt: number): Promise<void> {
    if (!this.counters.has(counter)) this.counters.set(counter, { used: value, holds: new Map(), expiresAt });
  }
}
