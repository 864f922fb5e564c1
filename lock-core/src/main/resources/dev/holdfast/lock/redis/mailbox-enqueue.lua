-- Append a frame at the tail of its mailbox unless the mailbox is full. A mailbox is a list of call ids (the queue)
-- and a hash of its frames (field f:<call id> = the frame as the store encoded it, a:<call id> = attempts begun);
-- Redis deletes both when their last entry goes, so an empty mailbox leaves nothing behind.
-- KEYS[1] the queue, KEYS[2] the frames
-- ARGV[1] call id, ARGV[2] encoded frame, ARGV[3] most frames the mailbox may hold
-- Returns 1 when appended, 0 when full.
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[3]) then
    return 0
end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('HSETNX', KEYS[2], 'f:' .. ARGV[1], ARGV[2])
redis.call('HSETNX', KEYS[2], 'a:' .. ARGV[1], '0')
return 1
