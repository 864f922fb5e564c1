-- A waiter that stops waiting leaves the lock's queue of direct hand-offs (see acquire.lua).
-- KEYS[1] the lock hash, ARGV[1] the waiter's queue entry (owner, priority, lease)
-- Returns how many entries were removed.
return redis.call('ZREM', KEYS[1] .. ':q', ARGV[1])
