-- Free a lock whatever its hold count: only when the owner holds it, or unconditionally (the operator's form).
-- KEYS[1] the lock hash
-- ARGV[1] '1' to check the owner, '0' for anyone; ARGV[2] owner; ARGV[3] release channel
-- Returns 1 when a lock was freed, 0 otherwise.
local owner = redis.call('HGET', KEYS[1], 'o')
if not owner or (ARGV[1] == '1' and owner ~= ARGV[2]) then
    return 0
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[3], KEYS[1])
return 1
