-- Renew a lease from now, only while the owner (and the token, unless '0') hold the lock; never recreates it.
-- KEYS[1] the lock hash
-- ARGV[1] owner, ARGV[2] token or '0' for the owner only, ARGV[3] lease in ms
-- Returns 1 when renewed, 0 when the lease was lost.
if not tonumber(ARGV[3]) or tonumber(ARGV[3]) < 1 then
    return redis.error_reply('ERR holdfast renew: bad lease [' .. tostring(ARGV[3]) .. '] for ' .. KEYS[1])
end
local held = redis.call('HMGET', KEYS[1], 'o', 't')
if held[1] == ARGV[1] and (ARGV[2] == '0' or held[2] == ARGV[2]) then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return 1
end
return 0
