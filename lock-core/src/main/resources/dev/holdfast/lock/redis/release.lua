-- Release one hold, only while the owner (and the token, unless '0') hold the lock; at zero holds delete it and, when
-- a request was refused while it was held (field w), tell the waiters on the release channel.
-- KEYS[1] the lock hash
-- ARGV[1] owner, ARGV[2] token or '0' for the owner only, ARGV[3] release channel
-- Direct hand-off: when the lock's queue (KEYS[1] .. ':q', see acquire.lua) has a live head, the lock is granted to it
-- here, with a new token and a claim lease of at most 2 s (its waiter extends it to its lease; a waiter that died
-- holds it no longer), and the channel gets 'lock\nowner\ntoken' instead of the lock's name.
-- Returns 2 when released, 1 when one hold of several was released, 0 when not held.
local held = redis.call('HMGET', KEYS[1], 'o', 't', 'w')
if held[1] ~= ARGV[1] or (ARGV[2] ~= '0' and held[2] ~= ARGV[2]) then
    return 0
end
if redis.call('HINCRBY', KEYS[1], 'h', -1) > 0 then
    return 1
end
redis.call('DEL', KEYS[1])
local queue = KEYS[1] .. ':q'
if held[3] and redis.call('EXISTS', queue) == 1 then
    local now = redis.call('TIME')
    local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', queue, '-inf', nowMs)
    local head = redis.call('ZPOPMIN', queue)
    if head[1] then
        local owner, priority, lease = string.match(head[1], '^(.*)\n([^\n]*)\n([^\n]*)$')
        local token = tonumber(now[1]) * 1000000 + tonumber(now[2])
        if tonumber(held[2]) >= token then
            token = tonumber(held[2]) + 1
        end
        token = string.format('%.0f', token)
        redis.call('HSET', KEYS[1], 'o', owner, 'p', priority, 't', token, 'h', '1', 'w', '1')
        redis.call('PEXPIRE', KEYS[1], math.min(2000, tonumber(lease)))
        redis.call('PUBLISH', ARGV[3], KEYS[1] .. '\n' .. owner .. '\n' .. token)
        return 2
    end
end
if held[3] then
    redis.call('PUBLISH', ARGV[3], KEYS[1])
end
return 2
