-- Read the head frame of a mailbox and its depth.
-- KEYS[1] the queue, KEYS[2] the frames
-- Returns {depth, call id, encoded frame, attempts}, or {depth} when the mailbox is empty.
local depth = redis.call('LLEN', KEYS[1])
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then
    return {depth}
end
local frame = redis.call('HMGET', KEYS[2], 'f:' .. head, 'a:' .. head)
return {depth, head, frame[1], frame[2]}
