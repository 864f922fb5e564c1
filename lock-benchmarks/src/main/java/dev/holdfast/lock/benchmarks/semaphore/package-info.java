/**
 * The {@code semaphore} suite (issue 14): Holdfast's Redis semaphore against Redisson's
 * {@code RPermitExpirableSemaphore} and {@code RSemaphore} (one and eight threads uncontended, eight clients on a
 * semaphore of three permits, the hand-off latency of a permit), and Holdfast's read/write lock against Redisson's
 * {@code RReadWriteLock} with eight readers and one writer, on one local Redis.
 */
@NullMarked
package dev.holdfast.lock.benchmarks.semaphore;

import org.jspecify.annotations.NullMarked;
