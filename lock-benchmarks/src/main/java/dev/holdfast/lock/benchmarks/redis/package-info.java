/**
 * The {@code redis} suite: Holdfast's Redis store against Redisson's {@code RLock}, Spring Integration's
 * {@code RedisLockRegistry} (spin and pub/sub modes) and ShedLock's Redis provider, on one local Redis: one thread
 * uncontended, eight threads on distinct keys, four independent clients contending for one key, and the hand-off
 * latency from a release to the next waiter's grant.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.redis;

import org.jspecify.annotations.NullMarked;
