-- Acquire a lock: one atomic step. The lock is a hash (o = owner, p = priority, t = fencing token, h = holds, w = set
-- once a request was refused, so someone may be waiting) whose lease is the key's TTL. Nothing else is kept per lock,
-- so a released or expired lock leaves nothing behind.
-- Fencing tokens come from the server clock: the time in microseconds (TIME), or one more than the holder's token when
-- a live lock changes hands by preemption or claim. A lock created again after release or expiry therefore starts
-- above every token granted before, as long as the server clock does not step backwards.
-- KEYS[1] the lock hash
-- ARGV[1] owner, ARGV[2] priority, ARGV[3] lease in ms, ARGV[4] mode (L lock, C create, X claim), ARGV[5] release channel,
-- ARGV[6] '1' when other waiters of this client wait for the lock too (a grant then keeps w set, so that its release
-- wakes the next of them: the client wakes one waiter per release message)
-- Returns {1, token, holds} when granted, {2, token, 1, owner, priority, token, holds, pttl} when granted by
-- displacing a holder (preemption or claim), {0, owner, priority, token, holds, pttl} when refused.
local lock = KEYS[1]
local owner, priority, lease, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
-- Check the input before writing anything: a script that fails half-way is not rolled back.
if not tonumber(lease) or tonumber(lease) < 1 or not tonumber(priority) then
    return redis.error_reply('ERR holdfast acquire: bad lease [' .. tostring(lease) .. '] or priority ['
        .. tostring(priority) .. '] for ' .. lock)
end

local held = redis.call('HMGET', lock, 'o', 'p', 't', 'h', 'w')
if not held[1] then
    -- Fast path, a free lock: the token is TIME's seconds and zero-padded microseconds written side by side (the same
    -- digits as seconds * 1000000 + microseconds, without number formatting), and nothing is left to delete.
    local now = redis.call('TIME')
    local token = now[1] .. string.sub('000000', #now[2] + 1) .. now[2]
    if ARGV[6] == '1' then
        redis.call('HSET', lock, 'o', owner, 'p', priority, 't', token, 'h', '1', 'w', '1')
    else
        redis.call('HSET', lock, 'o', owner, 'p', priority, 't', token, 'h', '1')
    end
    redis.call('PEXPIRE', lock, lease)
    return {1, token, 1}
end

-- A live lock changes hands (preemption or claim): one more than the holder's token when the clock has not passed it.
local function grant(previous)
    local now = redis.call('TIME')
    local token = tonumber(now[1]) * 1000000 + tonumber(now[2])
    if previous and tonumber(previous) >= token then
        token = tonumber(previous) + 1
    end
    -- Microseconds since 1970 stay below 2^53, so the number is exact; %.0f writes it without an exponent.
    token = string.format('%.0f', token)
    if ARGV[6] == '1' then
        redis.call('HSET', lock, 'o', owner, 'p', priority, 't', token, 'h', '1', 'w', '1')
    else
        redis.call('HSET', lock, 'o', owner, 'p', priority, 't', token, 'h', '1')
        redis.call('HDEL', lock, 'w')
    end
    redis.call('PEXPIRE', lock, lease)
    return token
end

local pttl = redis.call('PTTL', lock)
if mode == 'L' and held[1] == owner then
    -- Re-entry: one more hold, same token; the lease is extended, never shortened.
    local holds = redis.call('HINCRBY', lock, 'h', 1)
    if pttl < tonumber(lease) then
        redis.call('PEXPIRE', lock, lease)
    end
    return {1, held[3], holds}
end
if mode == 'X' or (mode == 'L' and tonumber(priority) > tonumber(held[2])) then
    local token = grant(held[3])
    if held[5] then
        redis.call('PUBLISH', ARGV[5], lock)
    end
    return {2, token, 1, held[1], held[2], held[3], held[4], pttl}
end
-- Refused: note that someone may wait, so that the release publishes.
if not held[5] then
    redis.call('HSET', lock, 'w', '1')
end
return {0, held[1], held[2], held[3], held[4], pttl}
