-- Point a call id at its mailbox, or read where it points or the result there. A result is kept in its mailbox's hash
-- slot (written in one step with the frame's removal); result(call id) knows only the call id, so the store first
-- writes a key per call id (in the call id's own slot) naming the mailbox, with the result's TTL, and reads that first.
-- KEYS[1] the key
-- ARGV[1] (to write) the value, ARGV[2] its TTL in ms
-- Returns {} after a write, {value} or {} after a read.
if ARGV[1] then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return {}
end
local value = redis.call('GET', KEYS[1])
if not value then
    return {}
end
return {value}
