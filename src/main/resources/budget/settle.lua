-- Settle a lease once its request has an answer: refund what was not spent and reconcile with Shopify.
-- KEYS[1] bucket hash; KEYS[2] leases zset
-- ARGV: lease member "id:cost", reserved, actual (-1: unknown, refund nothing),
--       reported available, reported max, reported rate ('' when Shopify reported nothing)
-- Returns the available points after settling.
local reserved = tonumber(ARGV[2])
local actual = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local inflight = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  inflight = inflight + tonumber(string.match(member, ':(%d+)$'))
end

local state = redis.call('HMGET', KEYS[1], 'max', 'rate', 'available', 'ts')
local max = tonumber(state[1])
if max == nil then
  -- the bucket expired or Redis lost it: the next reservation starts it afresh
  return '0'
end
local rate = tonumber(state[2])
local available = tonumber(state[3])
local ts = tonumber(state[4])
if now > ts then
  available = available + (now - ts) * rate / 1000
end
if actual >= 0 then
  available = available + (reserved - actual)
end

if ARGV[4] ~= '' then
  local reportedAvailable = tonumber(ARGV[4])
  local reportedMax = tonumber(ARGV[5])
  local reportedRate = tonumber(ARGV[6])
  if reportedMax ~= max or reportedRate ~= rate then
    -- learning the plan: Shopify's level minus what we still hold in flight
    max = reportedMax
    rate = reportedRate
    available = reportedAvailable - inflight
  elseif reportedAvailable < available then
    -- someone else (another app, a lost lease) spent more than we know: Shopify is the truth
    available = reportedAvailable
  end
end
if available > max - inflight then
  available = max - inflight
end
redis.call('HSET', KEYS[1], 'max', max, 'rate', rate, 'available', available, 'ts', now)
redis.call('PEXPIRE', KEYS[1], 3600000)
return tostring(available)
