-- List a mailbox's dead letters, oldest first.
-- KEYS[1] the dead letters' order, KEYS[2] the dead letters
-- Returns {call id, encoded frame, attempts, reason, when in ms, ...}.
local reply = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
    local letter = redis.call('HMGET', KEYS[2], 'f:' .. id, 'a:' .. id, 'r:' .. id, 't:' .. id)
    if letter[1] then
        table.insert(reply, id)
        for i = 1, 4 do
            table.insert(reply, letter[i])
        end
    end
end
return reply
