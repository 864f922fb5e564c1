package dev.holdfast.lock.spi;

import java.time.Duration;

/**
 * A waiter on a semaphore or a read/write lock: the waiting protocol of {@link LockWatch}, for permits. A fair
 * semaphore keeps the waiter's place in its queue while it keeps asking.
 */
public interface PermitWatch extends AutoCloseable {

    /**
     * Wait until permits may have come free or {@code max} has passed, then ask once.
     *
     * @param max the longest wait before asking; zero asks at once
     * @return the answer, with the moment its request was sent
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    PermitAttempt next(Duration max) throws InterruptedException;

    /** Stop waiting, giving back any grant obtained for the waiter and not handed out. */
    @Override
    void close();
}
