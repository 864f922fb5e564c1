package dev.holdfast.lock.benchmarks.notify;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.WaiterCalls;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A waiter parked on a {@link WaiterRegistry} watch, on a thread of its own, as a Holdfast waiter is: each time a
 * message names its lock it wakes (its request is answered in memory, no store call), counts the wake-up and watches
 * again.
 */
final class Waiter implements AutoCloseable {

    /** The lock the waiter watches; the messages name it. */
    static final String LOCK = "notify-bench";

    private static final AcquireCommand COMMAND =
            new AcquireCommand(LockKey.of("notify", "bench"), "waiter", 0, Duration.ofSeconds(30), AcquireMode.LOCK);

    private static final WaiterCalls CALLS = new WaiterCalls() {
        @Override
        public AcquireOutcome acquire(AcquireCommand command, boolean othersWait) {
            return new AcquireOutcome.Granted(1, 1, null);
        }

        @Override
        public void releaseUnclaimed(AcquireCommand command, AcquireOutcome.Granted granted) {}
    };

    private final WaiterRegistry registry;

    private final AtomicLong woken = new AtomicLong();

    private final Thread thread;

    private volatile boolean stopped;

    Waiter(WaiterRegistry registry) {
        this.registry = registry;
        this.thread = new Thread(this::run, "notify-bench-waiter");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (!stopped) {
            LockWatch watch = registry.watch(LOCK, COMMAND, CALLS);
            try {
                watch.next(Duration.ofSeconds(1));
                woken.incrementAndGet();
            } catch (InterruptedException ex) {
                return;
            } finally {
                watch.close();
            }
        }
    }

    /** Wait (spinning) until the waiter watches again, so that a message cannot find no one. */
    void awaitWatching() {
        while (registry.waiting(LOCK) == 0) {
            Thread.onSpinWait();
        }
    }

    /** Return how often the waiter woke. */
    long woken() {
        return woken.get();
    }

    /**
     * Wait (spinning) until the waiter has woken more than {@code count} times.
     *
     * @param count the count before the message
     */
    void awaitWokenAfter(long count) {
        while (woken.get() <= count) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
