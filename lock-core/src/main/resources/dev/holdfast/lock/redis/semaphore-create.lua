-- Create a semaphore, only if it does not exist and no plain lock or read/write lock uses its key.
-- KEYS[1] the semaphore's hash (see permits-acquire.lua), KEYS[2] the plain lock hash of the same key, KEYS[3] the
-- read/write lock hash of the same key
-- ARGV[1] size, ARGV[2] '1' when fair
-- Returns 1 when created, 0 when it existed (unchanged), -1 when a plain lock holds the key, -2 when a read/write lock
-- uses it.
if not tonumber(ARGV[1]) or tonumber(ARGV[1]) < 1 then
    return redis.error_reply('ERR holdfast semaphore-create: bad size [' .. tostring(ARGV[1]) .. '] for ' .. KEYS[1])
end
if redis.call('EXISTS', KEYS[2]) == 1 then
    return -1
end
if redis.call('EXISTS', KEYS[3]) == 1 then
    return -2
end
if redis.call('EXISTS', KEYS[1]) == 1 then
    return 0
end
redis.call('HSET', KEYS[1], 'size', ARGV[1], 'fair', ARGV[2], 't', '0', 'used', '0')
return 1
