// Redis ledger: one Lua script per reserve and per settle, so rate windows, the concurrency slot
// and the reservation against key, user, team and org budgets are one atomic step across every
// instance, in one round trip. The same scripts (redis-scripts.ts) run on self-hosted Redis and
// on Upstash.
import { PEEK_SCRIPT, RESERVE_SCRIPT, SETTLE_SCRIPT, TRANSFER_SCRIPT } from "@/lib/policy/ledger/redis-scripts";
import { WINDOW_MS, type Ledger, type ReserveInput, type ReserveResult, type SettleInput, type WindowState } from "@/lib/policy/ledger/types";

/** The few commands the ledger needs, met by ioredis and by @upstash/redis alike. */
export type ScriptRunner = {
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  setBase(key: string, value: number, expiresAt: number): Promise<void>;
};

export class RedisLedger implements Ledger {
  constructor(private readonly redis: ScriptRunner) {}

  async reserve({ holdId, items, concurrency, windows, holdTtlMs, now, outputTokens, clampFloor }: ReserveInput): Promise<ReserveResult> {
    const minute = Math.floor(now / WINDOW_MS);
    const keys = items.map((i) => i.counter);
    keys.push(concurrency?.counter ?? keys[0] ?? windows[0]?.counter ?? "latch:none");
    const args: (string | number)[] = [now, holdTtlMs, holdId, items.length, concurrency?.max ?? 0, outputTokens, clampFloor ?? -1];
    for (const item of items) args.push(item.limit, item.amount, item.expiresAt, item.perOutputToken);
    args.push(windows.length, WINDOW_MS);
    for (const window of windows) {
      keys.push(`${window.counter}:${minute}`, `${window.counter}:${minute - 1}`);
      args.push(window.limit, window.cost, window.perOutputToken);
    }
    const reply = (await this.redis.eval(RESERVE_SCRIPT, keys, args)) as number[];
    const [code, ...rest] = reply.map(Number);
    const state = (j: number, remaining: number): WindowState => ({ limit: windows[j]!.limit, remaining, reset: (minute + 1) * WINDOW_MS });
    if (code === 1) {
      const [granted, ...values] = rest;
      const perCounter = values.slice(windows.length);
      return {
        ok: true,
        outputTokens: granted!,
        windows: windows.map((_, j) => state(j, values[j] ?? 0)),
        committed: items.map((_, i) => perCounter[2 * i] ?? 0),
        amounts: items.map((_, i) => perCounter[2 * i + 1] ?? 0),
      };
    }
    if (code === 2) return { ok: false, reason: "needs_base", indexes: rest.map((i) => i - 1) };
    if (code === 3) return { ok: false, reason: "concurrency" };
    if (code === 4) return { ok: false, reason: "window", index: rest[0]! - 1, window: state(rest[0]! - 1, rest[1]!) };
    return { ok: false, reason: "budget", index: rest[0]! - 1, used: rest[1]!, held: rest[2]! };
  }

  async settle({ holdId, items, concurrency }: SettleInput): Promise<number[]> {
    const keys = [...items.map((i) => i.counter), concurrency?.counter ?? items[0]?.counter ?? "latch:none"];
    const totals = (await this.redis.eval(SETTLE_SCRIPT, keys, [holdId, items.length, concurrency ? "1" : "0", ...items.map((i) => i.amount)])) as number[];
    return items.map((_, i) => Number(totals?.[i] ?? -1));
  }

  async transfer({ holdId, items }: { holdId: string; items: { counter: string; amount: number }[] }): Promise<void> {
    if (items.length) await this.redis.eval(TRANSFER_SCRIPT, items.map((i) => i.counter), [holdId, ...items.map((i) => i.amount)]);
  }

  async peek(counters: string[]): Promise<number[]> {
    if (!counters.length) return [];
    const reply = (await this.redis.eval(PEEK_SCRIPT, counters, [])) as number[];
    return counters.map((_, i) => Number(reply[i] ?? -1));
  }

  async setBase(counter: string, value: number, expiresAt: number): Promise<void> {
    await this.redis.setBase(counter, value, expiresAt);
  }
}
