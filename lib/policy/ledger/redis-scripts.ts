// The ledger's Lua scripts. Per counter C: C = settled total, C:h = holds (id → amount),
// C:held = sum of live holds, C:x = hold expiries (zset); expired holds are swept in-script.
// Per window W: W:<minute> counts. Amounts are written with %.0f: Lua 5.1 prints large numbers
// in exponent form, which INCRBY refuses.

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

// KEYS: n counters, the concurrency zset (or a placeholder), then per window its current and
// previous minute. ARGV: now, ttl, hold, n, concurrencyMax (0 = none), the output ceiling, the
// clamp floor (-1 = no clamping), per counter: limit, amount, expiresAt, perOutputToken; then the
// window count, the window length, per window: limit, cost, perOutputToken.
// Replies: {1, granted ceiling, remaining per window, then settled + held and reserved amount per
// counter} granted; {2, indexes} needs a base; {0, i, used, held} budget; {3} concurrency;
// {4, j, remaining} rate window.
export const RESERVE_SCRIPT = `${SWEEP}
local now = tonumber(ARGV[1]); local ttl = tonumber(ARGV[2]); local hold = ARGV[3]
local n = tonumber(ARGV[4]); local cmax = tonumber(ARGV[5])
local requested = tonumber(ARGV[6]); local floor = tonumber(ARGV[7])
local w = tonumber(ARGV[8 + 4 * n]); local wms = tonumber(ARGV[9 + 4 * n])
local missing = {}
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 0 then table.insert(missing, i) end
end
if #missing > 0 then return {2, unpack(missing)} end
-- Room per budget, and (clamping) the largest output ceiling every budget can pay for.
local used, held, room = {}, {}, {}
local granted = requested; local tightest = 0
for i = 1, n do
  local c = KEYS[i]
  sweep(c, now)
  used[i] = tonumber(redis.call('GET', c)) or 0
  held[i] = tonumber(redis.call('GET', c .. ':held')) or 0
  room[i] = tonumber(ARGV[4 + 4 * i]) - used[i] - held[i]
  local excess = tonumber(ARGV[5 + 4 * i]) - room[i]
  local per = tonumber(ARGV[7 + 4 * i])
  if floor >= 0 and excess > 0 then
    local fits = -1
    if per > 0 then fits = math.floor(requested - excess / per) end
    if fits < granted then granted = fits; tightest = i end
  end
end
local function at(total, per)
  if granted >= requested then return total end
  return math.ceil(total - per * (requested - granted))
end
-- Same weighted two-window approximation as @upstash/ratelimit's slidingWindow.
local remaining = {}; local costs = {}
local weight = 1 - (now % wms) / wms
for j = 1, w do
  local limit = tonumber(ARGV[7 + 4 * n + 3 * j])
  costs[j] = at(tonumber(ARGV[8 + 4 * n + 3 * j]), tonumber(ARGV[9 + 4 * n + 3 * j]))
  local current = tonumber(redis.call('GET', KEYS[n + 2 * j])) or 0
  local previous = tonumber(redis.call('GET', KEYS[n + 1 + 2 * j])) or 0
  local inWindow = math.floor(previous * weight) + current
  if inWindow + costs[j] > limit then return {4, j, math.max(0, limit - inWindow)} end
  remaining[j] = math.max(0, limit - inWindow - costs[j])
end
if granted < requested and granted < floor then return {0, tightest, used[tightest], held[tightest]} end
local amounts = {}
for i = 1, n do
  amounts[i] = at(tonumber(ARGV[5 + 4 * i]), tonumber(ARGV[7 + 4 * i]))
  if amounts[i] > room[i] then return {0, i, used[i], held[i]} end
end
if cmax > 0 then
  local cc = KEYS[n + 1]
  redis.call('ZREMRANGEBYSCORE', cc, '-inf', now)
  if redis.call('ZCARD', cc) >= cmax then return {3} end
  redis.call('ZADD', cc, now + ttl, hold)
  redis.call('PEXPIRE', cc, ttl * 2)
end
for i = 1, n do
  local c = KEYS[i]; local amount = string.format('%.0f', amounts[i]); local exp = tonumber(ARGV[6 + 4 * i])
  redis.call('HSET', c .. ':h', hold, amount)
  redis.call('INCRBY', c .. ':held', amount)
  redis.call('ZADD', c .. ':x', now + ttl, hold)
  for _, k in ipairs({c, c .. ':h', c .. ':held', c .. ':x'}) do redis.call('PEXPIREAT', k, exp) end
end
for j = 1, w do
  local k = KEYS[n + 2 * j]
  redis.call('INCRBY', k, string.format('%.0f', costs[j]))
  redis.call('PEXPIRE', k, wms * 2 + 1000)
end
local reply = {1, granted}
for j = 1, w do table.insert(reply, remaining[j]) end
for i = 1, n do table.insert(reply, used[i] + held[i]); table.insert(reply, amounts[i]) end
return reply
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
