-- Release one hold, only while the owner (and the token, unless '0') hold the lock; at zero holds delete it and, when
-- a request was refused while it was held (field w), tell the waiters on the release channel.
-- KEYS[1] the lock hash
-- ARGV[1] owner, ARGV[2] token or '0' for the owner only, ARGV[3] release channel
-- Returns 2 when released, 1 when one hold of several was released, 0 when not held.
local held = redis.call('HMGET', KEYS[1], 'o', 't', 'w', 'h')
if held[1] ~= ARGV[1] or (ARGV[2] ~= '0' and held[2] ~= ARGV[2]) then
    return 0
end
-- The last hold (the usual case) deletes at once: one write fewer than counting it down first.
if held[4] ~= '1' and redis.call('HINCRBY', KEYS[1], 'h', -1) > 0 then
    return 1
end
redis.call('DEL', KEYS[1])
if held[3] then
    redis.call('PUBLISH', ARGV[3], KEYS[1])
end
return 2
