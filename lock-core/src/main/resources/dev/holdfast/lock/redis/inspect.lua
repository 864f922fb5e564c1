-- Read the live holder of a lock.
-- KEYS[1] the lock hash
-- Returns {owner, priority, token, holds, pttl}, or an empty array when free.
local held = redis.call('HMGET', KEYS[1], 'o', 'p', 't', 'h')
if not held[1] then
    return {}
end
return {held[1], held[2], held[3], held[4], redis.call('PTTL', KEYS[1])}
