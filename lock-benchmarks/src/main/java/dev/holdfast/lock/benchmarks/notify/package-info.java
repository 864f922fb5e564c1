/**
 * The {@code notify} suite (issue 12.1): the time from a {@code PUBLISH} on a channel to the wake-up of a parked
 * waiter, through the Redis store's own release subscription and through Spring Data Redis's
 * {@code RedisMessageListenerContainer} (with its default executor and with a synchronous one), each listener waking
 * the waiter through the same {@link dev.holdfast.lock.spi.WaiterRegistry}.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.notify;

import org.jspecify.annotations.NullMarked;
