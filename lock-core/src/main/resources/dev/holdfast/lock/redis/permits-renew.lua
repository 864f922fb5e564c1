-- Renew grants from now (one, or the watchdog's batch), each only while its owner holds it under that token and its
-- lease has not run out by the server clock; never brings a grant back.
-- KEYS[4i-3..4i] the hash, leases, queue and claims of the i-th grant's semaphore (or read/write lock), as in
-- permits-acquire.lua
-- ARGV[1] kind (S semaphore, R read/write lock); ARGV[3i-1] owner, ARGV[3i] token, ARGV[3i+1] lease in ms of the i-th
-- Returns one 1 (renewed) or 0 (lost) per grant, in order.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local renewed = {}
for i = 1, #KEYS / 4 do
    local sem, leases = KEYS[4 * i - 3], KEYS[4 * i - 2]
    local owner, token, lease = ARGV[3 * i - 1], ARGV[3 * i], tonumber(ARGV[3 * i + 1])
    if not lease or lease < 1 then
        return redis.error_reply('ERR holdfast permits-renew: bad lease [' .. tostring(ARGV[3 * i + 1]) .. '] for '
            .. sem)
    end
    local expiry = tonumber(redis.call('ZSCORE', leases, token))
    local grant = redis.call('HGET', sem, 'g' .. token)
    renewed[i] = 0
    if expiry and expiry > now and grant and string.match(grant, '^%-?%d+:%d+:%d:(.*)$') == owner then
        redis.call('ZADD', leases, 'XX', string.format('%.0f', now + lease), token)
        renewed[i] = 1
        if ARGV[1] == 'R' then
            -- A read/write lock's keys last as long as its last lease or queue place.
            local lastLease = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')[2]
            local lastClaim = redis.call('ZRANGE', KEYS[4 * i], -1, -1, 'WITHSCORES')[2]
            local deadline = string.format('%.0f', math.max(tonumber(lastLease), tonumber(lastClaim) or 0))
            for k = 4 * i - 3, 4 * i do
                redis.call('PEXPIREAT', KEYS[k], deadline)
            end
        end
    end
end
return renewed
