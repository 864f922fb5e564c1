-- Count one mailbox for its type's summary: its depth, its dead letters and when its head frame was enqueued (the
-- first field of the encoded frame, "<length>:<ISO instant>", so the payload stays in Redis).
-- KEYS[1] the queue, KEYS[2] the frames, KEYS[3] the dead letters' order
-- Returns {depth, dead letters}, or {depth, dead letters, head's enqueue instant} when the mailbox holds frames.
local depth = redis.call('LLEN', KEYS[1])
local dead = redis.call('LLEN', KEYS[3])
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then
    return {depth, dead}
end
local frame = redis.call('HGET', KEYS[2], 'f:' .. head)
if not frame then
    return {depth, dead}
end
local length, start = string.match(frame, '^(%d+):()')
if not length then
    return {depth, dead}
end
return {depth, dead, string.sub(frame, start, start + tonumber(length) - 1)}
