-- Change a semaphore's size: its holders keep their permits, and nothing is granted while they hold the new size or
-- more. Expired grants and queue places are pruned first; the waiters are told when someone refused may still wait.
-- KEYS[1..4] its hash, leases, queue and claims, as in permits-acquire.lua
-- ARGV[1] the new size, ARGV[2] release channel
-- Returns {size, fair, queued, holder...} after the change (a holder is owner, priority, token, permits, exclusive
-- (0|1), remaining ms), or an empty array when there is no such semaphore.
local sem, leases, queue, claims = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if not tonumber(ARGV[1]) or tonumber(ARGV[1]) < 1 then
    return redis.error_reply('ERR holdfast semaphore-resize: bad size [' .. tostring(ARGV[1]) .. '] for ' .. sem)
end
if redis.call('EXISTS', sem) == 0 then
    return {}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local used = tonumber(redis.call('HGET', sem, 'used')) or 0
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
for _, token in ipairs(expired) do
    local grant = redis.call('HGET', sem, 'g' .. token)
    if grant then
        used = used - tonumber(string.match(grant, '^%-?%d+:(%d+):'))
        redis.call('HDEL', sem, 'g' .. token)
    end
end
redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', claims, '-inf', now)) do
    redis.call('ZREM', queue, gone)
end
redis.call('ZREMRANGEBYSCORE', claims, '-inf', now)
redis.call('HSET', sem, 'size', ARGV[1], 'used', used)

local waiting = tonumber(redis.call('HGET', sem, 'w'))
if waiting and waiting > now then
    redis.call('PUBLISH', ARGV[2], sem)
end
local out = {tonumber(ARGV[1]), redis.call('HGET', sem, 'fair') == '1' and 1 or 0, redis.call('ZCARD', queue)}
local live = redis.call('ZRANGE', leases, 0, -1, 'WITHSCORES')
for i = 1, #live, 2 do
    local grant = redis.call('HGET', sem, 'g' .. live[i])
    if grant then
        local p, n, x, o = string.match(grant, '^(%-?%d+):(%d+):(%d):(.*)$')
        for _, value in ipairs({o, tonumber(p), live[i], tonumber(n), tonumber(x), tonumber(live[i + 1]) - now}) do
            out[#out + 1] = value
        end
    end
end
return out
