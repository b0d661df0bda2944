// Redis ledger: one Lua script per reserve (lib/policy/ledger/redis-scripts.ts), so windows,
// concurrency and budgets are one atomic step across every instance, in one round trip, on
// self-hosted Redis (single, Sentinel or Cluster) and on Upstash alike; settles go out in batches
// (lib/policy/ledger/settle-batch.ts).
import {
  WINDOW_MS,
  type Ledger,
  type LostRequest,
  type RenewInput,
  type ReserveInput,
  type ReserveResult,
  type SettleInput,
  type WindowState,
} from "@/lib/policy/ledger/types";
import { CLAIM_LOST_SCRIPT, RENEW_SCRIPT, RESERVE_SCRIPT } from "@/lib/policy/ledger/redis-scripts";
import { inflightKey, markerKey, type SettleBatch } from "@/lib/policy/ledger/settle-batch";

// KEYS: counters. ARGV: hold, amounts…
export const TRANSFER_SCRIPT = `
local hold = ARGV[1]
for i = 1, #KEYS do
  local c = KEYS[i]; local amt = tonumber(ARGV[1 + i])
  local cur = tonumber(redis.call('HGET', c .. ':h', hold))
  if cur then
    local moved = math.min(cur, amt)
    if cur > moved then
      redis.call('HSET', c .. ':h', hold, string.format('%.0f', cur - moved))
    else
      redis.call('HDEL', c .. ':h', hold)
      redis.call('ZREM', c .. ':x', hold)
    end
    redis.call('DECRBY', c .. ':held', string.format('%.0f', moved))
  end
  if amt > 0 and redis.call('EXISTS', c) == 1 then redis.call('INCRBY', c, string.format('%.0f', amt)) end
end
return 1
`;

// KEYS: counters. Reply: settled + held per counter, -1 when absent.
export const PEEK_SCRIPT = `
local out = {}
for i = 1, #KEYS do
  local used = redis.call('GET', KEYS[i])
  if used then out[i] = tonumber(used) + (tonumber(redis.call('GET', KEYS[i] .. ':held')) or 0) else out[i] = -1 end
end
return out
`;

/** The few commands the ledger needs, met by ioredis and by @upstash/redis alike. */
export type ScriptRunner = {
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  setBase(key: string, value: number, expiresAt: number): Promise<void>;
  /** Where settles queue (shared with the usage appends sent to the same backend). */
  settles: SettleBatch;
};

export class RedisLedger implements Ledger {
  constructor(private readonly redis: ScriptRunner) {}

  /**
   * Every other script goes after the settles queued before it, in the same write: what it reads
   * (a reserve's room, a peek's totals) never counts a hold its request already gave back.
   */
  private run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    this.redis.settles.sendQueued();
    return this.redis.eval(script, keys, args);
  }

  async reserve(input: ReserveInput): Promise<ReserveResult> {
    try {
      return await this.reserveOnce(input);
    } catch (err) {
      // The script may have run and only its reply been lost (a failover): release what it may
      // hold, and the marker this leaves refuses a late resend of the reserve.
      const { holdId, items, concurrency, inflight } = input;
      void this.settle({ holdId, items: items.map((i) => ({ counter: i.counter, amount: 0 })), concurrency, inflight: inflight?.key }).catch(() => {});
      throw err;
    }
  }

  private async reserveOnce({ holdId, items, concurrency, windows, holdTtlMs, now, outputTokens, clampFloor, inflight }: ReserveInput): Promise<ReserveResult> {
    const keys = items.map((i) => i.counter);
    keys.push(concurrency?.counter ?? keys[0] ?? windows[0]?.counter ?? "latch:none");
    const args: (string | number)[] = [now, holdTtlMs, holdId, items.length, concurrency?.max ?? 0, outputTokens, clampFloor ?? -1];
    for (const item of items) args.push(item.limit, item.amount, item.expiresAt, item.perOutputToken);
    args.push(windows.length, WINDOW_MS);
    for (const window of windows) {
      keys.push(`${window.counter}:log`, `${window.counter}:sum`);
      args.push(window.limit, window.cost, window.perOutputToken);
    }
    const lost = inflight?.key ?? inflightKey(keys[0]!);
    keys.push(lost, `${lost}:d`, markerKey(keys[0]!, holdId));
    args.push(inflight?.entry ?? "");
    const reply = (await this.run(RESERVE_SCRIPT, keys, args)) as number[];
    const [code, ...rest] = reply.map(Number);
    const state = (j: number, remaining: number, reset = now + WINDOW_MS): WindowState => ({ limit: windows[j]!.limit, remaining, reset });
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
    if (code === 5) throw new Error("the reservation was released before it ran");
    if (code === 4) return { ok: false, reason: "window", index: rest[0]! - 1, window: state(rest[0]! - 1, rest[1]!, rest[2]) };
    return { ok: false, reason: "budget", index: rest[0]! - 1, used: rest[1]!, held: rest[2]! };
  }

  /** Queued with the other settles of this turn and sent with them (retried through a failover). */
  settle(input: SettleInput): Promise<number[]> {
    if (input.items.length === 0 && !input.concurrency && !input.inflight) return Promise.resolve([]);
    return this.redis.settles.settle(input);
  }

  drain(): Promise<void> {
    return this.redis.settles.drain();
  }

  async renew({ holdId, counters, concurrency, holdTtlMs, now, inflight }: RenewInput): Promise<void> {
    if (counters.length === 0 && !concurrency && !inflight) return;
    const first = counters[0] ?? concurrency?.counter ?? inflight!;
    const keys = [...counters, concurrency?.counter ?? first, inflight ?? inflightKey(first)];
    await this.run(RENEW_SCRIPT, keys, [holdId, counters.length, concurrency ? "1" : "0", now + holdTtlMs, holdTtlMs]);
  }

  async claimLost(inflight: string, now: number, leaseMs: number, limit: number): Promise<LostRequest[]> {
    const reply = ((await this.run(CLAIM_LOST_SCRIPT, [inflight, `${inflight}:d`], [now, leaseMs, limit])) ?? []) as string[];
    const lost: LostRequest[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const value = String(reply[i + 1]);
      const bar = value.indexOf("|");
      const [granted = 0, ...amounts] = value.slice(0, bar).split(",").map(Number);
      lost.push({ holdId: String(reply[i]), granted, amounts, entry: value.slice(bar + 1) });
    }
    return lost;
  }

  async transfer({ holdId, items }: { holdId: string; items: { counter: string; amount: number }[] }): Promise<void> {
    if (items.length)
      await this.run(
        TRANSFER_SCRIPT,
        items.map((i) => i.counter),
        [holdId, ...items.map((i) => i.amount)],
      );
  }

  async peek(counters: string[]): Promise<number[]> {
    if (!counters.length) return [];
    const reply = (await this.run(PEEK_SCRIPT, counters, [])) as number[];
    return counters.map((_, i) => Number(reply[i] ?? -1));
  }

  async setBase(counter: string, value: number, expiresAt: number): Promise<void> {
    await this.redis.setBase(counter, value, expiresAt);
  }
}
