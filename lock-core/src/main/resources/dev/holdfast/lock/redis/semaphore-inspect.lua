-- Read a semaphore (or a held read/write lock) with its live grants, by the server clock; writes nothing.
-- KEYS[1..4] its hash, leases, queue and claims, as in permits-acquire.lua
-- ARGV[1] kind (S semaphore, R read/write lock)
-- Returns {size, fair, queued, holder...} (a holder is owner, priority, token, permits, exclusive (0|1), remaining
-- ms), or an empty array when there is no such semaphore (or nobody holds the read/write lock).
local sem, leases, claims = KEYS[1], KEYS[2], KEYS[4]
if redis.call('EXISTS', sem) == 0 then
    return {}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local meta = redis.call('HMGET', sem, 'size', 'fair')
local out = {tonumber(meta[1]) or 2147483647, (ARGV[1] == 'R' or meta[2] == '1') and 1 or 0,
    redis.call('ZCOUNT', claims, '(' .. now, '+inf')}
local live = redis.call('ZRANGEBYSCORE', leases, '(' .. now, '+inf', 'WITHSCORES')
for i = 1, #live, 2 do
    local grant = redis.call('HGET', sem, 'g' .. live[i])
    if grant then
        local p, n, x, o = string.match(grant, '^(%-?%d+):(%d+):(%d):(.*)$')
        for _, value in ipairs({o, tonumber(p), live[i], tonumber(n), tonumber(x), tonumber(live[i + 1]) - now}) do
            out[#out + 1] = value
        end
    end
end
if ARGV[1] == 'R' and #out == 3 then
    return {}
end
return out
