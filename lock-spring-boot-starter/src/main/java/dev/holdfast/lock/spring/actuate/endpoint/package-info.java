/**
 * The {@code locks} actuator endpoint: list the locks held in the store (and in every {@link
 * dev.holdfast.lock.spring.actuate.endpoint.HeldLockSource}, such as the offline locks), the semaphores and read/write
 * locks with their holders, show one, and force-release a lock or one grant by its token (a write operation, off
 * unless the endpoint's access is {@code unrestricted}).
 */
@NullMarked
package dev.holdfast.lock.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
