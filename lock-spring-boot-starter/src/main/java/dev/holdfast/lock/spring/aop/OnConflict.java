package dev.holdfast.lock.spring.aop;

/** What a {@link Locked} method does when its lock is not acquired within the wait. */
public enum OnConflict {

    /** Throw {@link dev.holdfast.lock.LockNotAcquiredException}, naming the holder. */
    THROW,

    /**
     * Skip the call: return {@code null}, an empty {@link java.util.Optional} (or {@code OptionalInt} and its
     * siblings), a completed future of {@code null}, or nothing for {@code void}. Refused at startup on a method
     * returning a primitive.
     */
    SKIP
}
