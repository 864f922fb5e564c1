/**
 * The Redis store: {@link dev.holdfast.lock.redis.RedisLockStore} keeps each lock in a hash whose lease is the key's
 * TTL, and each semaphore or read/write lock in a hash with sorted sets of its leases and queue in the same hash slot;
 * it runs every operation as one Lua script by SHA, produces fencing tokens in the scripts from the server clock, and
 * wakes waiters through one pub/sub subscription per store. Built on Spring Data Redis, tested with Lettuce.
 */
@NullMarked
package dev.holdfast.lock.redis;

import org.jspecify.annotations.NullMarked;
