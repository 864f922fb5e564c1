/**
 * Holdfast's locks as {@link java.util.concurrent.locks.Lock}: {@link dev.holdfast.lock.concurrent.HoldfastLocks}
 * hands out a {@link dev.holdfast.lock.concurrent.HoldfastLock} per key ({@code obtain(key)}, in the manner of Spring
 * Integration's {@code LockRegistry}) over any {@link dev.holdfast.lock.LockOperations}, so code written against the
 * JDK's interface locks across processes, with leases renewed by the watchdog and the fencing token at hand.
 */
@NullMarked
package dev.holdfast.lock.concurrent;

import org.jspecify.annotations.NullMarked;
