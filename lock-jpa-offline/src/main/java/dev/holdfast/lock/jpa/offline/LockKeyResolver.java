package dev.holdfast.lock.jpa.offline;

/** Turns a domain object into the {@link LockTarget} that names it, as {@link JpaLockTargetResolver} does. */
@FunctionalInterface
public interface LockTargetResolver {

    /**
     * Return the target that names an object.
     *
     * @param object the object
     * @return its target
     * @throws InvalidLockTargetException when the object cannot be named
     */
    LockTarget resolve(Object object);
}
