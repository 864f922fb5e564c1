-- List held locks, one bounded SCAN page per call: the caller loops on the cursor until it has enough or it is 0.
-- No KEYS: the lock keys are found by pattern (a single Redis, or one node of a cluster).
-- ARGV[1] cursor, ARGV[2] key pattern, ARGV[3] SCAN COUNT, ARGV[4] most locks to return
-- Returns {next cursor, key, owner, priority, token, holds, pttl, key, owner, ...}.
local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
local result = {page[1]}
local found, most = 0, tonumber(ARGV[4])
for _, lock in ipairs(page[2]) do
    if found >= most then
        break
    end
    local held = redis.call('HMGET', lock, 'o', 'p', 't', 'h')
    local pttl = redis.call('PTTL', lock)
    if held[1] and pttl > 0 then
        found = found + 1
        for _, value in ipairs({lock, held[1], held[2], held[3], held[4], pttl}) do
            result[#result + 1] = value
        end
    end
end
return result
