package dev.holdfast.lock.spi;

import java.time.Duration;

/**
 * A caller's wait on a mailbox, the mailbox form of the {@link LockWatch} protocol: opened after a refused attempt on
 * the mailbox lock, first asked with {@link Duration#ZERO} (so that nothing written between the attempt and the watch
 * is missed), then asked until the probe says the result is there or the lock is free. Each call waits until the
 * store was told that the caller's result was written or the mailbox lock was released, or {@code max} passed, then
 * looks once. Used by one thread at a time; {@link #close()} is idempotent.
 */
public interface MailboxWatch extends AutoCloseable {

    /**
     * Wait until a result may have been written or the lock may have come free, or {@code max} has passed, then look.
     *
     * @param max the longest wait before looking; zero looks at once
     * @return what the store shows now
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    MailboxProbe next(Duration max) throws InterruptedException;

    /** Stop waiting. */
    @Override
    void close();
}
