-- Give a grant back, only while its owner holds it under that token and its lease runs; tell the waiters on the release
-- channel when someone refused may still wait (field w). Expired grants and queue places are pruned first.
-- KEYS[1..4] the semaphore's (or read/write lock's) hash, leases, queue and claims, as in permits-acquire.lua
-- ARGV[1] kind (S semaphore, R read/write lock), ARGV[2] owner, ARGV[3] token, ARGV[4] release channel
-- Returns 1 when released, 0 when not held.
local sem, leases, queue, claims = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local fields = redis.call('HMGET', sem, 'used', 'g' .. ARGV[3], 'w')
local used = tonumber(fields[1]) or 0
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
for _, token in ipairs(expired) do
    local grant = redis.call('HGET', sem, 'g' .. token)
    if grant then
        used = used - tonumber(string.match(grant, '^%-?%d+:(%d+):'))
        redis.call('HDEL', sem, 'g' .. token)
    end
end
if #expired > 0 then
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
end
local dropped = redis.call('ZRANGEBYSCORE', claims, '-inf', now)
for _, gone in ipairs(dropped) do
    redis.call('ZREM', queue, gone)
end
if #dropped > 0 then
    redis.call('ZREMRANGEBYSCORE', claims, '-inf', now)
end

local released = 0
-- The grant as read before the pruning, unless the pruning removed it (its lease ran out): then it is not held.
local grant = fields[2]
for _, token in ipairs(expired) do
    if token == ARGV[3] then
        grant = nil
    end
end
if grant then
    local n, o = string.match(grant, '^%-?%d+:(%d+):%d:(.*)$')
    if o == ARGV[2] then
        redis.call('HDEL', sem, 'g' .. ARGV[3])
        redis.call('ZREM', leases, ARGV[3])
        used = used - tonumber(n)
        released = 1
        local waiting = tonumber(fields[3])
        if waiting and waiting > now then
            redis.call('PUBLISH', ARGV[4], sem)
        end
    end
end
if released == 1 or #expired > 0 then
    redis.call('HSET', sem, 'used', used)
end

-- A read/write lock's keys last as long as its last lease or queue place, and go when it has neither.
if ARGV[1] == 'R' then
    local lastLease = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')[2]
    local lastClaim = redis.call('ZRANGE', claims, -1, -1, 'WITHSCORES')[2]
    local deadline = math.max(tonumber(lastLease) or 0, tonumber(lastClaim) or 0)
    for _, key in ipairs({sem, leases, queue, claims}) do
        if deadline > now then
            redis.call('PEXPIREAT', key, string.format('%.0f', deadline))
        else
            redis.call('DEL', key)
        end
    end
end
return released
