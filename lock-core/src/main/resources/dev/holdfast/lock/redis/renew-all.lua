-- Renew many leases in one call (the watchdog's batch), each only while its owner (and token) hold it.
-- KEYS[i] the lock hashes
-- ARGV[3i-2] owner, ARGV[3i-1] token or '0' for the owner only, ARGV[3i] lease in ms, for each KEYS[i]
-- Returns one 1 (renewed) or 0 (lost) per key, in order.
local renewed = {}
for i, lock in ipairs(KEYS) do
    local owner, token = ARGV[3 * i - 2], ARGV[3 * i - 1]
    local held = redis.call('HMGET', lock, 'o', 't')
    if held[1] == owner and (token == '0' or held[2] == token) then
        redis.call('PEXPIRE', lock, ARGV[3 * i])
        renewed[i] = 1
    else
        renewed[i] = 0
    end
end
return renewed
