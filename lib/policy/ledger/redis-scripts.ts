// The ledger's Lua: one script per reserve and one per batch of settles, so rate windows, the
// concurrency slot and the reservation against key, user, team and org budgets are one atomic
// step across every instance, in one round trip. The same scripts run on self-hosted Redis and
// on Upstash.
// Per counter C: C = settled total, C:h = holds (id → amount), C:held = sum of live holds,
// C:x = hold expiries (zset); expired holds are swept in-script. Per window W: W:<minute> counts.
// Per org I: I = granted requests not yet settled (zset, scored by their hold's deadline), I:d =
// their usage skeletons; a hold whose request is there is not swept: a sweep of lost requests
// turns it into spend (the provider may have billed all of it).
// Every key of a reserve carries the org's hash tag ({o:<id>}), and on Redis Cluster a settle
// batch holds one tag's settles only, so the keys of a call share a slot and the script runs in
// one step on one node.
// A client resends a command whose reply a failover cut off, so both scripts are idempotent per
// hold: its marker M records a granted reserve's reply ("r:…") or a settle ("s") for a while.

const SWEEP = `
local function sweep(c, now, lost)
  local expired = redis.call('ZRANGEBYSCORE', c .. ':x', '-inf', now)
  for _, h in ipairs(expired) do
    if redis.call('HEXISTS', lost, h) == 0 then
      local amt = redis.call('HGET', c .. ':h', h)
      if amt then
        redis.call('DECRBY', c .. ':held', amt)
        redis.call('HDEL', c .. ':h', h)
      end
      redis.call('ZREM', c .. ':x', h)
    end
  end
end
`;

/** An org's in-flight set outlives its last entry by this much: far longer than any sweep takes to come. */
const INFLIGHT_KEY_TTL_MS = 86_400_000;

/** How long a hold's marker outlives the call: longer than any client retry of it. */
export const MARKER_TTL_MS = 120_000;

// KEYS: n counters, the concurrency zset (or a placeholder), then per window its log and its
// sum, the in-flight set and its skeletons, then the marker. ARGV: now, ttl, hold, n,
// concurrencyMax (0 = none), the output ceiling, the clamp floor (-1 = no clamping), per counter:
// limit, amount, expiresAt, perOutputToken; then the window count, the window length, per
// window: limit, cost, perOutputToken; then the usage skeleton ('' = none).
// Replies: {1, granted ceiling, remaining per window, then settled + held and reserved amount per
// counter} granted; {2, indexes} needs a base; {0, i, used, held} budget; {3} concurrency;
// {4, j, remaining, reset} rate window; {5} already released.
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
local requested = tonumber(ARGV[6]); local floor = tonumber(ARGV[7])
local w = tonumber(ARGV[8 + 4 * n]); local wms = tonumber(ARGV[9 + 4 * n])
local inflight = KEYS[#KEYS - 2]; local lost = KEYS[#KEYS - 1]; local skeleton = ARGV[10 + 4 * n + 3 * w]
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
  sweep(c, now, lost)
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
-- Exact rolling windows: a log of (time, hold:cost) and its running sum; entries older than the
-- window are dropped (their cost taken off the sum) before the check.
local remaining = {}; local costs = {}
for j = 1, w do
  local limit = tonumber(ARGV[7 + 4 * n + 3 * j])
  costs[j] = at(tonumber(ARGV[8 + 4 * n + 3 * j]), tonumber(ARGV[9 + 4 * n + 3 * j]))
  local log = KEYS[n + 2 * j]; local sum = KEYS[n + 1 + 2 * j]
  local old = redis.call('ZRANGEBYSCORE', log, '-inf', now - wms)
  if #old > 0 then
    local freed = 0
    for _, m in ipairs(old) do freed = freed + tonumber(string.match(m, ':(%d+)$')) end
    redis.call('ZREMRANGEBYSCORE', log, '-inf', now - wms)
    redis.call('DECRBY', sum, freed)
  end
  local inWindow = tonumber(redis.call('GET', sum)) or 0
  if inWindow + costs[j] > limit then
    local oldest = redis.call('ZRANGE', log, 0, 0, 'WITHSCORES')
    local reset = now + wms
    if #oldest == 2 then reset = tonumber(oldest[2]) + wms end
    return {4, j, math.max(0, limit - inWindow), reset}
  end
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
  local log = KEYS[n + 2 * j]; local sum = KEYS[n + 1 + 2 * j]; local cost = string.format('%.0f', costs[j])
  redis.call('ZADD', log, now, hold .. ':' .. cost)
  redis.call('INCRBY', sum, cost)
  redis.call('PEXPIRE', log, wms + 1000)
  redis.call('PEXPIRE', sum, wms + 1000)
end
if skeleton ~= '' then
  local reserved = {string.format('%.0f', granted)}
  for i = 1, n do table.insert(reserved, string.format('%.0f', amounts[i])) end
  redis.call('ZADD', inflight, now + ttl, hold)
  redis.call('HSET', lost, hold, table.concat(reserved, ',') .. '|' .. skeleton)
  redis.call('PEXPIRE', inflight, ${INFLIGHT_KEY_TTL_MS})
  redis.call('PEXPIRE', lost, ${INFLIGHT_KEY_TTL_MS})
end
local reply = {1, granted}
for j = 1, w do table.insert(reply, remaining[j]) end
for i = 1, n do table.insert(reply, used[i] + held[i]); table.insert(reply, amounts[i]) end
local text = {}
for k, v in ipairs(reply) do text[k] = string.format('%.0f', v) end
redis.call('SET', marker, 'r:' .. table.concat(text, ','), 'PX', ${MARKER_TTL_MS})
return reply
`;

// Settles several holds and appends usage entries in one call: the settles and appends queued for
// one group of keys since the last call (lib/policy/ledger/settle-batch.ts).
// KEYS: per settle its n counters, the concurrency zset (or a placeholder), the in-flight set and
// its skeletons, the marker; then per entry its stream. ARGV: the settle count; per settle: hold,
// n, hasConcurrency, how long the marker lives ('' = the usual; a lost request's settle keeps it
// while its request could still settle), its n amounts; then the entries.
// Replies per settle its counter count and each counter's total (count 0: a repeated settle).
export const SETTLE_SCRIPT = `
local out = {}
local k = 0; local a = 2
for _ = 1, tonumber(ARGV[1]) do
  local hold = ARGV[a]; local n = tonumber(ARGV[a + 1]); local marker = KEYS[k + n + 4]
  redis.call('ZREM', KEYS[k + n + 2], hold)
  redis.call('HDEL', KEYS[k + n + 3], hold)
  if redis.call('GET', marker) == 's' then
    table.insert(out, 0)
  else
    redis.call('SET', marker, 's', 'PX', tonumber(ARGV[a + 3]) or ${MARKER_TTL_MS})
    table.insert(out, n)
    for i = 1, n do
      local c = KEYS[k + i]
      local amt = redis.call('HGET', c .. ':h', hold)
      if amt then
        redis.call('DECRBY', c .. ':held', amt)
        redis.call('HDEL', c .. ':h', hold)
        redis.call('ZREM', c .. ':x', hold)
      end
      local actual = tonumber(ARGV[a + 3 + i])
      -- An absent counter is rebuilt from Postgres, which already holds this usage.
      if redis.call('EXISTS', c) == 1 then
        table.insert(out, actual > 0 and redis.call('INCRBY', c, actual) or tonumber(redis.call('GET', c)))
      else
        table.insert(out, -1)
      end
    end
    if ARGV[a + 2] == '1' then redis.call('ZREM', KEYS[k + n + 1], hold) end
  end
  k = k + n + 4; a = a + n + 4
end
for e = a, #ARGV do redis.call('XADD', KEYS[k + 1 + e - a], '*', 'e', ARGV[e]) end
return out
`;

// KEYS: n counters, the concurrency zset (or a placeholder), the in-flight set. ARGV: hold, n,
// hasConcurrency, new expiry, ttl. Only a hold still present is pushed back (XX): a settled one
// stays gone.
export const RENEW_SCRIPT = `
local hold = ARGV[1]; local n = tonumber(ARGV[2]); local expiry = ARGV[4]
redis.call('ZADD', KEYS[n + 2], 'XX', expiry, hold)
for i = 1, n do redis.call('ZADD', KEYS[i] .. ':x', 'XX', expiry, hold) end
if ARGV[3] == '1' and redis.call('ZADD', KEYS[n + 1], 'XX', 'CH', expiry, hold) == 1 then
  redis.call('PEXPIRE', KEYS[n + 1], tonumber(ARGV[5]) * 2)
end
return 1
`;

// KEYS: the in-flight set, its skeletons. ARGV: now, lease, limit. Each entry past its deadline
// is leased (its score moved to now + lease) and returned: {hold, reserved|skeleton, …}.
export const CLAIM_LOST_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, h in ipairs(due) do
  local v = redis.call('HGET', KEYS[2], h)
  if v then
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), h)
    table.insert(out, h); table.insert(out, v)
  else
    redis.call('ZREM', KEYS[1], h)
  end
end
return out
`;
