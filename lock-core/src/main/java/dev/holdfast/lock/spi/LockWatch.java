package dev.holdfast.lock.spi;

import java.time.Duration;

/**
 * A waiter's subscription to the release of one lock, opened before the first attempt so that no release between an
 * attempt and the wait is missed.
 *
 * <p>Used by one thread at a time; {@link #close()} is idempotent.
 */
public interface LockWatch extends AutoCloseable {

    /**
     * Wait until the lock may have come free (a release was seen since the last call) or the time is up.
     *
     * @param max the longest wait
     * @return {@code true} when woken by a release, {@code false} when the time ran out
     * @throws InterruptedException when the thread is interrupted; the store clears nothing else
     */
    boolean await(Duration max) throws InterruptedException;

    /** Stop watching. */
    @Override
    void close();
}
