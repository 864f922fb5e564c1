-- Free a lock whatever its hold count: only when the owner holds it, or unconditionally (the operator's form); tell the
-- waiters when a request was refused while it was held (field w).
-- KEYS[1] the lock hash
-- ARGV[1] '1' to check the owner, '0' for anyone; ARGV[2] owner; ARGV[3] release channel
-- Returns 1 when a lock was freed, 0 otherwise.
local held = redis.call('HMGET', KEYS[1], 'o', 'w')
if not held[1] or (ARGV[1] == '1' and held[1] ~= ARGV[2]) then
    return 0
end
redis.call('DEL', KEYS[1])
if held[2] then
    redis.call('PUBLISH', ARGV[3], KEYS[1])
end
return 1
