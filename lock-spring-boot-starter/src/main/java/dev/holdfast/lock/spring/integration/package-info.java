/**
 * Holdfast's locks as Spring Integration's {@code LockRegistry}: {@link
 * dev.holdfast.lock.spring.integration.HoldfastLockRegistry} stands where a {@code RedisLockRegistry} or {@code
 * JdbcLockRegistry} stood (the aggregator, the leader initiator, {@code executeLocked}), adding fencing tokens, the
 * watchdog and metrics. Needs {@code spring-integration-core} on the class path.
 */
@NullMarked
package dev.holdfast.lock.spring.integration;

import org.jspecify.annotations.NullMarked;
