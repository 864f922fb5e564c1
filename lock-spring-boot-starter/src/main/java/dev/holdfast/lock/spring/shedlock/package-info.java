/**
 * Holdfast's locks as ShedLock's {@code LockProvider}: {@link dev.holdfast.lock.spring.shedlock.HoldfastLockProvider}
 * lets {@code @SchedulerLock} methods (and ShedLock's {@code LockingTaskExecutor}) keep their annotations and lock in
 * a Holdfast store, gaining fencing tokens, the watchdog and metrics. Needs {@code shedlock-core} on the class path.
 */
@NullMarked
package dev.holdfast.lock.spring.shedlock;

import org.jspecify.annotations.NullMarked;
