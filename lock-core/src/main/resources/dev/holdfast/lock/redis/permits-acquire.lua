-- Take permits of a semaphore, or a read/write lock's read or write hold: one atomic step, on the server clock.
-- A semaphore (or read/write lock) is four keys sharing the hash tag of the lock hash of its key, so one slot:
--   KEYS[1] its hash: size and fair (a semaphore's definition; a read/write lock has neither), t (the last token
--           granted), used (the permits its grants hold), w (until when, in ms, someone refused may still wait: a
--           release publishes until then), and one field per grant, g<token> = '<priority>:<permits>:<0|1 exclusive>:<owner>'
--   KEYS[2] its leases: the grants' tokens by expiry (ms)
--   KEYS[3] its queue: waiting owners by arrival (µs): a fair semaphore's, and a read/write lock's writers
--   KEYS[4] the queue's claims: the same owners by when (ms) their place is dropped unless they ask again
-- A semaphore's hash lives until it is deleted; a read/write lock's keys expire with its last lease or claim and are
-- deleted as soon as it has neither.
-- KEYS[5] the plain lock hash of the same key, KEYS[6] the hash of the other kind (a read/write lock for a semaphore,
-- and the other way round): either existing means that the key is in use.
-- ARGV[1] kind (S semaphore, R read/write lock), ARGV[2] owner, ARGV[3] priority, ARGV[4] permits, ARGV[5] '1' for an
-- exclusive (write) hold, ARGV[6] lease in ms, ARGV[7] mode (L lock, X claim), ARGV[8] the size to create a missing
-- semaphore with, or 0, ARGV[9] '1' when such a semaphore is fair, ARGV[10] how long a queue place lasts, in ms
-- Returns {1, token, displaced holder...} when granted, {0, state} when refused (the caller may wait), {2} when the
-- semaphore does not exist, {3, cause, state...} when it can never be granted as asked (cause P: more permits than the
-- size, U: a reader asking to upgrade while others read, L: a plain lock holds the key, K: the other kind uses it).
-- A state is size, fair, queued, then each live grant; a holder is owner, priority, token, permits, exclusive (0|1),
-- remaining ms.
local sem, leases, queue, claims = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local kind, owner, priority, permits = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local exclusive, lease, claim = ARGV[5] == '1', tonumber(ARGV[6]), ARGV[7] == 'X'
local create, claimMs = tonumber(ARGV[8]), tonumber(ARGV[10])
-- Check the input before writing anything: a script that fails half-way is not rolled back.
if not priority or not permits or permits < 1 or not lease or lease < 1 or not create or not claimMs then
    return redis.error_reply('ERR holdfast permits-acquire: bad priority [' .. tostring(ARGV[3]) .. '], permits ['
        .. tostring(ARGV[4]) .. '], lease [' .. tostring(ARGV[6]) .. '] or claim [' .. tostring(ARGV[10]) .. '] for '
        .. sem)
end
if redis.call('EXISTS', KEYS[5]) == 1 then
    return {3, 'L'}
end
if redis.call('EXISTS', KEYS[6]) == 1 then
    return {3, 'K'}
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local micros = tonumber(time[1]) * 1000000 + tonumber(time[2])
-- Big numbers are written with %.0f: Lua would write them with 14 digits, and times in µs have 16.
local function text(number)
    return string.format('%.0f', number)
end

local meta = redis.call('HMGET', sem, 'size', 'fair', 't', 'used')
local size, fair, last, used = tonumber(meta[1]), meta[2] == '1', tonumber(meta[3]) or 0, tonumber(meta[4]) or 0
if kind == 'R' then
    -- A read/write lock exists while held or awaited; its writers queue in arrival order.
    size, fair, permits = 2147483647, true, 1
elseif not size then
    if create < 1 then
        return {2}
    end
    size, fair = create, ARGV[9] == '1'
    redis.call('HSET', sem, 'size', size, 'fair', fair and '1' or '0', 't', '0', 'used', '0')
end

-- Prune the grants and queue places that ran out by the server clock.
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
for _, token in ipairs(expired) do
    local grant = redis.call('HGET', sem, 'g' .. token)
    if grant then
        used = used - tonumber(string.match(grant, '^%-?%d+:(%d+):'))
        redis.call('HDEL', sem, 'g' .. token)
    end
end
if #expired > 0 then
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
    redis.call('HSET', sem, 'used', used)
end
local dropped = redis.call('ZRANGEBYSCORE', claims, '-inf', now)
for _, gone in ipairs(dropped) do
    redis.call('ZREM', queue, gone)
end
if #dropped > 0 then
    redis.call('ZREMRANGEBYSCORE', claims, '-inf', now)
end

-- The longest waiting owner in the queue, if any (after the pruning above).
local head = redis.call('ZRANGE', queue, 0, 0)[1]

-- The live grants, soonest expiry first: read only when needed (a grant from free permits of a semaphore does not).
local grants
local function live()
    if not grants then
        grants = {}
        local all = redis.call('ZRANGE', leases, 0, -1, 'WITHSCORES')
        for i = 1, #all, 2 do
            local grant = redis.call('HGET', sem, 'g' .. all[i])
            if grant then
                local p, n, x, o = string.match(grant, '^(%-?%d+):(%d+):(%d):(.*)$')
                grants[#grants + 1] = {token = all[i], expiry = tonumber(all[i + 1]), priority = tonumber(p),
                    permits = tonumber(n), exclusive = x == '1', owner = o}
            end
        end
    end
    return grants
end

local function holder(out, grant)
    for _, value in ipairs({grant.owner, grant.priority, grant.token, grant.permits, grant.exclusive and 1 or 0,
            grant.expiry - now}) do
        out[#out + 1] = value
    end
end

local function state(out)
    for _, value in ipairs({size, fair and 1 or 0, redis.call('ZCARD', queue)}) do
        out[#out + 1] = value
    end
    for _, grant in ipairs(live()) do
        holder(out, grant)
    end
    return out
end

-- A read/write lock's keys last as long as its last lease or queue place, and go when it has neither.
local function tidy()
    if kind ~= 'R' then
        return
    end
    local lastLease = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')[2]
    local lastClaim = redis.call('ZRANGE', claims, -1, -1, 'WITHSCORES')[2]
    local deadline = math.max(tonumber(lastLease) or 0, tonumber(lastClaim) or 0)
    for _, key in ipairs({sem, leases, queue, claims}) do
        if deadline > now then
            redis.call('PEXPIREAT', key, text(deadline))
        else
            redis.call('DEL', key)
        end
    end
end

-- Refuse; a fair semaphore (or a read/write lock's writer) keeps the asker's place in the queue, renewed.
local function refuse(queued)
    if queued then
        redis.call('ZADD', queue, 'NX', text(micros), owner)
        redis.call('ZADD', claims, text(now + claimMs), owner)
    end
    redis.call('HSET', sem, 'w', text(now + claimMs))
    local out = state({0})
    tidy()
    return out
end

local function grant(displaced)
    local out = {1, ''}
    for _, gone in ipairs(displaced) do
        redis.call('HDEL', sem, 'g' .. gone.token)
        redis.call('ZREM', leases, gone.token)
        used = used - gone.permits
        holder(out, gone)
    end
    -- Tokens come from the server clock in µs, or one more than the last one when the clock has not moved past it.
    local token = (last >= micros) and last + 1 or micros
    token = text(token)
    out[2] = token
    redis.call('HSET', sem, 'g' .. token, ARGV[3] .. ':' .. permits .. ':' .. (exclusive and '1' or '0') .. ':' .. owner,
        't', token, 'used', used + permits)
    redis.call('ZADD', leases, text(now + lease), token)
    -- The asker's queue place, if it had one (an empty queue holds none; a claim left over without one only drops
    -- a place that no longer exists when it runs out).
    if head then
        redis.call('ZREM', queue, owner)
        redis.call('ZREM', claims, owner)
    end
    tidy()
    return out
end

if kind == 'S' then
    if permits > size then
        return state({3, 'P'})
    end
    if not claim and fair and head and head ~= owner then
        return refuse(true)
    end
    local free, displaced = size - used, {}
    if free < permits then
        -- Displace holders of lower priority (any holder for a claim), the lowest and newest first.
        local candidates = {}
        for _, held in ipairs(live()) do
            if claim or held.priority < priority then
                candidates[#candidates + 1] = held
            end
        end
        table.sort(candidates, function(a, b)
            if a.priority ~= b.priority then
                return a.priority < b.priority
            end
            return tonumber(a.token) > tonumber(b.token)
        end)
        for _, held in ipairs(candidates) do
            if free >= permits then
                break
            end
            displaced[#displaced + 1] = held
            free = free + held.permits
        end
        if free < permits then
            return refuse(fair)
        end
    end
    return grant(displaced)
end

-- A read/write lock: many readers or one writer, writers preferred.
local othersHold, ownHold, otherWriter, ownWriter = false, false, false, false
for _, held in ipairs(live()) do
    if held.owner == owner then
        ownHold = true
        ownWriter = ownWriter or held.exclusive
    else
        othersHold = true
        otherWriter = otherWriter or held.exclusive
    end
end
if exclusive then
    if not claim and othersHold and ownHold then
        return state({3, 'U'})
    end
    if not claim and (othersHold or (head and head ~= owner)) then
        return refuse(true)
    end
elseif not claim and not ownWriter then
    -- A live queued writer of another owner refuses new readers, so that readers cannot starve it.
    local writerQueued = redis.call('ZCARD', queue) > (redis.call('ZSCORE', queue, owner) and 1 or 0)
    if otherWriter or writerQueued then
        return refuse(false)
    end
end
local displaced = {}
if claim then
    for _, held in ipairs(live()) do
        if held.owner ~= owner and (exclusive or held.exclusive) then
            displaced[#displaced + 1] = held
        end
    end
end
return grant(displaced)
