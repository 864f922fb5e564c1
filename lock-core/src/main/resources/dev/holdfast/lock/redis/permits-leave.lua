-- A refused waiter that stops waiting without a grant leaves the queue at once, rather than keeping its place for a
-- claim's time; tell the waiters on the release channel (as a release does) when someone refused may still wait (field
-- w), since the place may have kept them out.
-- KEYS[1..4] the semaphore's (or read/write lock's) hash, leases, queue and claims, as in permits-acquire.lua
-- ARGV[1] kind (S semaphore, R read/write lock), ARGV[2] owner, ARGV[3] release channel
-- Returns 1 when a place was dropped, 0 when the owner had none.
local sem, leases, queue, claims = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

if redis.call('ZREM', queue, ARGV[2]) == 0 then
    return 0
end
redis.call('ZREM', claims, ARGV[2])
local waiting = tonumber(redis.call('HGET', sem, 'w'))
if waiting and waiting > now then
    redis.call('PUBLISH', ARGV[3], sem)
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
return 1
