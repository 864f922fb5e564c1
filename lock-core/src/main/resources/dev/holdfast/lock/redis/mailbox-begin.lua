-- Count one more attempt of the head frame (at-least-once), only while the token holds the mailbox lock.
-- KEYS[1] the mailbox lock hash, KEYS[2] the queue, KEYS[3] the frames
-- ARGV[1] call id, ARGV[2] the mailbox lock's fencing token
-- Returns {encoded frame, attempts}, or an empty array when fenced off or the frame is not the head.
if redis.call('HGET', KEYS[1], 't') ~= ARGV[2] or redis.call('LINDEX', KEYS[2], 0) ~= ARGV[1] then
    return {}
end
local attempts = redis.call('HINCRBY', KEYS[3], 'a:' .. ARGV[1], 1)
return {redis.call('HGET', KEYS[3], 'f:' .. ARGV[1]), attempts}
