-- Move a dead letter back to the tail of its mailbox with no attempts made and drop its failure result, or (discard)
-- drop it for good.
-- KEYS[1] the queue, KEYS[2] the frames, KEYS[3] the dead letters' order, KEYS[4] the dead letters,
-- KEYS[5] the call's result
-- ARGV[1] call id, ARGV[2] '1' to requeue, '0' to discard
-- Returns 1 when done, 0 when there is no such dead letter.
local id = ARGV[1]
local frame = redis.call('HGET', KEYS[4], 'f:' .. id)
if not frame then
    return 0
end
redis.call('HDEL', KEYS[4], 'f:' .. id, 'a:' .. id, 'r:' .. id, 't:' .. id)
redis.call('LREM', KEYS[3], 0, id)
if ARGV[2] == '1' then
    redis.call('DEL', KEYS[5])
    redis.call('RPUSH', KEYS[1], id)
    redis.call('HSET', KEYS[2], 'f:' .. id, frame, 'a:' .. id, '0')
end
return 1
