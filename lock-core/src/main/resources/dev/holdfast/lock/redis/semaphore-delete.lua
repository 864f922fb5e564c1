-- Delete a semaphore with all its keys, refused while permits are held unless forced (the grants' leases are then
-- lost). Expired grants are not counted; the waiters are told when someone refused may still wait.
-- KEYS[1..4] its hash, leases, queue and claims, as in permits-acquire.lua
-- ARGV[1] '1' to force, ARGV[2] release channel
-- Returns 1 when deleted, 0 when there was no such semaphore, 2 when permits are held and it was not forced.
local sem = KEYS[1]
if redis.call('EXISTS', sem) == 0 then
    return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[1] ~= '1' and redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf') > 0 then
    return 2
end
local waiting = tonumber(redis.call('HGET', sem, 'w'))
redis.call('DEL', sem, KEYS[2], KEYS[3], KEYS[4])
if waiting and waiting > now then
    redis.call('PUBLISH', ARGV[2], sem)
end
return 1
