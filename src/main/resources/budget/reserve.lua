-- Reserve ARGV[1] points on a shop's cost bucket, atomically for every invocation sharing it.
-- KEYS[1] bucket hash {max, rate, available, ts}; KEYS[2] zset of leases in flight ("id:cost" -> expiry ms)
-- ARGV: cost, floor fraction of the lane, initial max, initial rate, lease id, lease timeout ms
-- Returns {granted (1/0), available after, wait ms}, or {-1, bucket max, 0} when the cost can never fit
local cost = tonumber(ARGV[1])
local floorFraction = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- leases whose holder died stop counting as in flight
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local inflight = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  inflight = inflight + tonumber(string.match(member, ':(%d+)$'))
end

local state = redis.call('HMGET', KEYS[1], 'max', 'rate', 'available', 'ts')
local max = tonumber(state[1]) or tonumber(ARGV[3])
local rate = tonumber(state[2]) or tonumber(ARGV[4])
local available = tonumber(state[3]) or max
local ts = tonumber(state[4]) or now
if now > ts then
  available = available + (now - ts) * rate / 1000
end
-- Shopify refills to max; what we hold in flight is already spent from that
if available > max - inflight then
  available = max - inflight
end

local granted = 0
local waitMs = 0
if cost > max then
  granted = -1
else
  -- a lane's floor never makes a query that fits a full bucket unaffordable
  local floor = math.min(max * floorFraction, max - cost)
  if available - cost >= floor then
    available = available - cost
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[6]), ARGV[5] .. ':' .. cost)
    granted = 1
  else
    waitMs = math.ceil((cost + floor - available) * 1000 / rate)
  end
end
redis.call('HSET', KEYS[1], 'max', max, 'rate', rate, 'available', available, 'ts', now)
redis.call('PEXPIRE', KEYS[1], 3600000)
redis.call('PEXPIRE', KEYS[2], 3600000)
if granted == -1 then
  return {granted, tostring(max), 0}
end
return {granted, tostring(available), waitMs}
