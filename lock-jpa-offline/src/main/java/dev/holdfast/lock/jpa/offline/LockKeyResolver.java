package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;

/** Turns a domain object into the {@link LockKey} that names its offline lock, as {@link JpaLockKeyResolver} does. */
@FunctionalInterface
public interface LockKeyResolver {

    /**
     * Return the key that names an object's lock.
     *
     * @param object the object
     * @return its key
     * @throws IllegalArgumentException when the object cannot be named; the message names it and the value at fault
     */
    LockKey resolve(Object object);
}
