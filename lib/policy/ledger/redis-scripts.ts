// The ledger's Lua: one script per reserve and per settle, so rate windows, the concurrency slot
// and the reservation against key, user, team and org budgets are one atomic step across every
// instance, in one round trip. The same scripts run on self-hosted Redis and on Upstash.
// Per counter C: C = settled total, C:h = holds (id → amount), C:held = sum of live holds,
// C:x = hold expiries (zset); expired holds are swept in-script. Per window W: W:<minute> counts.
// Every key of one call carries the org's hash tag ({o:<id>}), so on Redis Cluster they share a
// slot and the script still runs in one step on one node.
// A client resends a command whose reply a failover cut off, so both scripts are idempotent per
// hold: the last key, M, records a granted reserve's reply ("r:…") or a settle ("s") for a while.

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

/** How long a hold's marker outlives the call: longer than any client retry of it. */
export const MARKER_TTL_MS = 120_000;

// KEYS: n counters, the concurrency zset (or a placeholder), then per window its current and
// previous minute, then the marker. ARGV: now, ttl, hold, n, concurrencyMax (0 = none), per counter: limit,
// amount, expiresAt; then the window count, the window length, per window: limit, cost.
// Replies: {1, remaining per window, then settled + held per counter} granted; {2, indexes} needs a base; {0, i, used, held}
// budget; {3} concurrency; {4, j, remaining} rate window; {5} already released.
export const RESERVE_SCRIPT = `${SWEEP}
local marker = KEYS[#KEYS]
local seen = redis.call('GET', marker)
if seen == 's' then return {5} end
if seen then
  local again = {}
  for v in string.gmatch(string.sub(seen, 3), '[^,]+') do table.insert(again, tonumber(v)) end
  return again
end
local now = tonumber(ARGV[1]); local ttl = tonumber(ARGV[2]); local hold = ARGV[3]
local n = tonumber(ARGV[4]); local cmax = tonumber(ARGV[5])
local w = tonumber(ARGV[6 + 3 * n]); local wms = tonumber(ARGV[7 + 3 * n])
local missing = {}
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 0 then table.insert(missing, i) end
end
if #missing > 0 then return {2, unpack(missing)} end
-- Same weighted two-window approximation as @upstash/ratelimit's slidingWindow.
local remaining = {}
local weight = 1 - (now % wms) / wms
for j = 1, w do
  local limit = tonumber(ARGV[6 + 3 * n + 2 * j]); local cost = tonumber(ARGV[7 + 3 * n + 2 * j])
  local current = tonumber(redis.call('GET', KEYS[n + 2 * j])) or 0
  local previous = tonumber(redis.call('GET', KEYS[n + 1 + 2 * j])) or 0
  local used = math.floor(previous * weight) + current
  if used + cost > limit then return {4, j, math.max(0, limit - used)} end
  remaining[j] = math.max(0, limit - used - cost)
end
local committed = {}
for i = 1, n do
  local c = KEYS[i]
  sweep(c, now)
  local used = tonumber(redis.call('GET', c)) or 0
  local held = tonumber(redis.call('GET', c .. ':held')) or 0
  local limit = tonumber(ARGV[3 + 3 * i]); local amount = tonumber(ARGV[4 + 3 * i])
  if used + held + amount > limit then return {0, i, used, held} end
  committed[i] = used + held
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
for j = 1, w do
  local k = KEYS[n + 2 * j]
  redis.call('INCRBY', k, ARGV[7 + 3 * n + 2 * j])
  redis.call('PEXPIRE', k, wms * 2 + 1000)
end
for i = 1, n do remaining[w + i] = committed[i] end
local reply = {1, unpack(remaining)}
local text = {}
for k, v in ipairs(reply) do text[k] = string.format('%.0f', v) end
redis.call('SET', marker, 'r:' .. table.concat(text, ','), 'PX', ${MARKER_TTL_MS})
return reply
`;

// KEYS: n counters, the concurrency zset (or a placeholder), the marker. ARGV: hold, n,
// hasConcurrency, amounts… Replies each counter's total, or nothing for a repeated settle.
export const SETTLE_SCRIPT = `
local marker = KEYS[#KEYS]
if redis.call('GET', marker) == 's' then return {} end
redis.call('SET', marker, 's', 'PX', ${MARKER_TTL_MS})
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
