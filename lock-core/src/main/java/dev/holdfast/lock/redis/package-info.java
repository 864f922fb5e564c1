/**
 * The Redis store: {@link dev.holdfast.lock.redis.RedisLockStore} keeps each lock in a hash whose lease is the key's
 * TTL, runs every operation as one Lua script by SHA, produces fencing tokens in the acquire script, and wakes waiters
 * through one pub/sub subscription per store. Built on Spring Data Redis, tested with Lettuce.
 */
@NullMarked
package dev.holdfast.lock.redis;

import org.jspecify.annotations.NullMarked;
