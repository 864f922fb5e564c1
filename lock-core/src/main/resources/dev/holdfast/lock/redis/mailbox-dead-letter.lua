-- Move a queued frame to the mailbox's dead letters and write its failure as its result, in one step, only while the
-- token holds the mailbox lock. Dead letters are a list of call ids (oldest first) and a hash (f: frame, a: attempts,
-- r: reason, t: when, in ms by the server clock). Then tell the mailbox's waiters on the release channel.
-- KEYS[1] the mailbox lock hash, KEYS[2] the queue, KEYS[3] the frames, KEYS[4] the dead letters' order,
-- KEYS[5] the dead letters, KEYS[6] the call's result
-- ARGV[1] call id, ARGV[2] the mailbox lock's fencing token, ARGV[3] reason, ARGV[4] encoded result,
-- ARGV[5] result TTL in ms, ARGV[6] release channel, ARGV[7] the result's message on it (its call id and mailbox)
-- Returns 1 when moved, 0 when fenced off or the frame is not queued (nothing written).
local id = ARGV[1]
if redis.call('HGET', KEYS[1], 't') ~= ARGV[2] or not redis.call('LPOS', KEYS[2], id) then
    return 0
end
local frame = redis.call('HMGET', KEYS[3], 'f:' .. id, 'a:' .. id)
redis.call('LREM', KEYS[2], 1, id)
if not redis.call('LPOS', KEYS[2], id) then
    redis.call('HDEL', KEYS[3], 'f:' .. id, 'a:' .. id)
end
local now = redis.call('TIME')
local millis = string.format('%.0f', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
redis.call('LREM', KEYS[4], 0, id)
redis.call('RPUSH', KEYS[4], id)
redis.call('HSET', KEYS[5], 'f:' .. id, frame[1], 'a:' .. id, frame[2], 'r:' .. id, ARGV[3], 't:' .. id, millis)
redis.call('SET', KEYS[6], ARGV[4], 'PX', ARGV[5])
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 1
