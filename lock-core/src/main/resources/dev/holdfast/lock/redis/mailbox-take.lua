-- Remove the head frame before running it (at-most-once), only while the token holds the mailbox lock.
-- KEYS[1] the mailbox lock hash, KEYS[2] the queue, KEYS[3] the frames
-- ARGV[1] call id, ARGV[2] the mailbox lock's fencing token
-- Returns {encoded frame, attempts including this one}, or an empty array when fenced off or not the head.
if redis.call('HGET', KEYS[1], 't') ~= ARGV[2] or redis.call('LINDEX', KEYS[2], 0) ~= ARGV[1] then
    return {}
end
redis.call('LPOP', KEYS[2])
local frame = redis.call('HMGET', KEYS[3], 'f:' .. ARGV[1], 'a:' .. ARGV[1])
if not redis.call('LPOS', KEYS[2], ARGV[1]) then
    redis.call('HDEL', KEYS[3], 'f:' .. ARGV[1], 'a:' .. ARGV[1])
end
return {frame[1], tonumber(frame[2]) + 1}
