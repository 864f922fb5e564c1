package dev.holdfast.lock;

import java.util.Locale;

/**
 * Which kind of lock a {@link LockEvent} is about: the {@code lock.kind} of metrics, observations and the
 * {@code locks} endpoint.
 */
public enum LockKind {

    /** A lock taken through {@link LockOperations} ({@code acquire}, {@code execute}, {@code @Locked}). */
    LOCK,

    /** An owner-addressed handle of {@link LockHandles}. */
    HANDLE,

    /** Permits of a {@link LeasedSemaphore}. */
    SEMAPHORE,

    /** A read hold of a {@link LeasedReadWriteLock}. */
    READ,

    /** The write hold of a {@link LeasedReadWriteLock}. */
    WRITE,

    /** A pessimistic offline lock of the database module, held across requests. */
    OFFLINE;

    /**
     * Return the tag value.
     *
     * @return the lowercase name, such as {@code semaphore}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Return the kind of a grant of a semaphore or a read/write lock.
     *
     * @param kind a semaphore or a read/write lock
     * @param exclusive whether the grant is a read/write lock's write hold
     * @return {@link #SEMAPHORE}, {@link #READ} or {@link #WRITE}
     */
    static LockKind of(SemaphoreKind kind, boolean exclusive) {
        if (kind == SemaphoreKind.SEMAPHORE) {
            return SEMAPHORE;
        }
        return exclusive ? WRITE : READ;
    }
}
