/**
 * Auto-configuration of ShedLock's {@code LockProvider} over Holdfast's locks, when ShedLock is on the class path and
 * the application declares no {@code LockProvider}.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.shedlock;

import org.jspecify.annotations.NullMarked;
