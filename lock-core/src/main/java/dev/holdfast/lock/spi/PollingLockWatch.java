package dev.holdfast.lock.spi;

import java.time.Duration;

/**
 * A {@link LockWatch} for stores that cannot notify: it sleeps with exponential backoff and jitter, bounded by a
 * maximum interval, then asks the store.
 */
public final class PollingLockWatch implements LockWatch {

    private final LockStore store;

    private final AcquireCommand command;

    private final PollingBackoff backoff;

    /**
     * Create a watch.
     *
     * @param store the store to ask
     * @param command the waiter's command
     * @param initial the first interval
     * @param max the longest interval
     */
    public PollingLockWatch(LockStore store, AcquireCommand command, Duration initial, Duration max) {
        this.store = store;
        this.command = command;
        this.backoff = new PollingBackoff(initial, max);
    }

    @Override
    public AcquireAttempt next(Duration max) throws InterruptedException {
        backoff.sleep(max);
        return AcquireAttempt.of(store, command);
    }

    @Override
    public void close() {}
}
