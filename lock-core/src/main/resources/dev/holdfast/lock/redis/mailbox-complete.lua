-- Remove a frame (if queued) and write its result unless the call already has one, in one step; the token must hold
-- the mailbox lock while the frame is queued. Then tell the mailbox's waiters on the release channel.
-- KEYS[1] the mailbox lock hash, KEYS[2] the queue, KEYS[3] the frames, KEYS[4] the call's result
-- ARGV[1] call id, ARGV[2] the mailbox lock's fencing token, ARGV[3] encoded result, ARGV[4] result TTL in ms,
-- ARGV[5] release channel, ARGV[6] the result's message on it (its call id and mailbox)
-- Returns 1 when done, 0 when the frame is queued and the token no longer holds the lock (nothing written).
if redis.call('LPOS', KEYS[2], ARGV[1]) then
    if redis.call('HGET', KEYS[1], 't') ~= ARGV[2] then
        return 0
    end
    redis.call('LREM', KEYS[2], 1, ARGV[1])
    if not redis.call('LPOS', KEYS[2], ARGV[1]) then
        redis.call('HDEL', KEYS[3], 'f:' .. ARGV[1], 'a:' .. ARGV[1])
    end
end
redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[4], 'NX')
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
