package dev.holdfast.lock.spring.aop;

/**
 * How a {@link Locked} method holds its lock: alone, or as one of many readers or the one writer of a read/write lock
 * ({@link dev.holdfast.lock.LeasedReadWriteLock}) named by the method's name and key.
 */
public enum LockMode {

    /**
     * One caller at a time: a plain lock, or with {@link Locked#permits()} one permit of a semaphore (as many callers
     * at a time as it has permits).
     */
    EXCLUSIVE,

    /**
     * A read hold: many callers at once, none while a writer holds the lock, and none that arrive after a writer
     * started waiting (writers are preferred).
     */
    READ,

    /** The write hold: one caller at a time, and no readers meanwhile. */
    WRITE
}
