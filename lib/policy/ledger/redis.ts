// Redis ledger: one Lua script per reserve and per settle, so a reservation against key, user,
// team and org budgets is atomic across every instance. The same scripts run on self-hosted
// Redis and on Upstash. Per counter C: C = settled total, C:h = holds (id → amount),
// C:held = sum of live holds, C:x = hold expiries (zset); expired holds are swept in-script.
import type { Ledger, ReserveInput, ReserveResult, SettleInput } from "@/lib/policy/ledger/types";

const SWEEP = `
local function sweep(c, now)
  local expired = redis.call('ZRANGEBYSCORE', c .. ':x', '-inf', now)
  for _, h in ipairs(expired) do
    local amt = redis.call('HGET', c .. ':h', h)
    if amt then
      redis.call('DECRBY', c .. ':held', amt)
      redis.call('HDEL', c .. ':h', h)
    end
    redis.call('ZREM', c .. ':x', h)
  end
end
`;

// KEYS: n counters, then the concurrency zset (or a placeholder).
// ARGV: now, ttl, hold, n, concurrencyMax (0 = none), then per counter: limit, amount, expiresAt.
export const RESERVE_SCRIPT = `${SWEEP}
local now = tonumber(ARGV[1]); local ttl = tonumber(ARGV[2]); local hold = ARGV[3]
local n = tonumber(ARGV[4]); local cmax = tonumber(ARGV[5])
local missing = {}
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 0 then table.insert(missing, i) end
end
if #missing > 0 then return {2, unpack(missing)} end
for i = 1, n do
  local c = KEYS[i]
  sweep(c, now)
  local used = tonumber(redis.call('GET', c)) or 0
  local held = tonumber(redis.call('GET', c .. ':held')) or 0
  local limit = tonumber(ARGV[3 + 3 * i]); local amount = tonumber(ARGV[4 + 3 * i])
  if used + held + amount > limit then return {0, i, used, held} end
end
if cmax > 0 then
  local cc = KEYS[n + 1]
  redis.call('ZREMRANGEBYSCORE', cc, '-inf', now)
  if redis.call('ZCARD', cc) >= cmax then return {3} end
  redis.call('ZADD', cc, now + ttl, hold)
  redis.call('PEXPIRE', cc, ttl * 2)
end
for i = 1, n do
  local c = KEYS[i]; local amount = ARGV[4 + 3 * i]; local exp = tonumber(ARGV[5 + 3 * i])
  redis.call('HSET', c .. ':h', hold, amount)
  redis.call('INCRBY', c .. ':held', amount)
  redis.call('ZADD', c .. ':x', now + ttl, hold)
  for _, k in ipairs({c, c .. ':h', c .. ':held', c .. ':x'}) do redis.call('PEXPIREAT', k, exp) end
end
return {1}
`;

// KEYS: n counters, then the concurrency zset (or a placeholder). ARGV: hold, n, hasConcurrency, amounts…
export const SETTLE_SCRIPT = `
local hold = ARGV[1]; local n = tonumber(ARGV[2])
local totals = {}
for i = 1, n do
  local c = KEYS[i]
  local amt = redis.call('HGET', c .. ':h', hold)
  if amt then
    redis.call('DECRBY', c .. ':held', amt)
    redis.call('HDEL', c .. ':h', hold)
    redis.call('ZREM', c .. ':x', hold)
  end
  local actual = tonumber(ARGV[3 + i])
  -- An absent counter is rebuilt from Postgres, which already holds this usage.
  if redis.call('EXISTS', c) == 1 then
    totals[i] = actual > 0 and redis.call('INCRBY', c, actual) or tonumber(redis.call('GET', c))
  else
    totals[i] = -1
  end
end
if ARGV[3] == '1' then redis.call('ZREM', KEYS[n + 1], hold) end
return totals
`;

/** The few commands the ledger needs, met by ioredis and by @upstash/redis alike. */
export type ScriptRunner = {
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  setBase(key: string, value: number, expiresAt: number): Promise<void>;
};

export class RedisLedger implements Ledger {
  constructor(private readonly redis: ScriptRunner) {}

  async reserve({ holdId, items, concurrency, holdTtlMs, now }: ReserveInput): Promise<ReserveResult> {
    const keys = [...items.map((i) => i.counter), concurrency?.counter ?? items[0]?.counter ?? "latch:none"];
    const args: (string | number)[] = [now, holdTtlMs, holdId, items.length, concurrency?.max ?? 0];
    for (const item of items) args.push(item.limit, item.amount, item.expiresAt);
    const reply = (await this.redis.eval(RESERVE_SCRIPT, keys, args)) as number[];
    const [code, ...rest] = reply.map(Number);
    if (code === 1) return { ok: true };
    if (code === 2) return { ok: false, reason: "needs_base", indexes: rest.map((i) => i - 1) };
    if (code === 3) return { ok: false, reason: "concurrency" };
    return { ok: false, reason: "budget", index: rest[0]! - 1, used: rest[1]!, held: rest[2]! };
  }

  async settle({ holdId, items, concurrency }: SettleInput): Promise<number[]> {
    const keys = [...items.map((i) => i.counter), concurrency?.counter ?? items[0]?.counter ?? "latch:none"];
    const totals = (await this.redis.eval(SETTLE_SCRIPT, keys, [holdId, items.length, concurrency ? "1" : "0", ...items.map((i) => i.amount)])) as number[];
    return items.map((_, i) => Number(totals?.[i] ?? -1));
  }

  async setBase(counter: string, value: number, expiresAt: number): Promise<void> {
    await this.redis.setBase(counter, value, expiresAt);
  }
}
