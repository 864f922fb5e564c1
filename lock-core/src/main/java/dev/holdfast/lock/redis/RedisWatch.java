package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A waiter on one Redis lock, woken by the store's release subscription.
 *
 * <p>When the store can run scripts asynchronously, the watch also remembers the waiter's refused command and, the
 * moment a release message arrives, sends that acquire from the subscription's thread ("prefetch"); the waiter is
 * woken with the answer already there, so a hand-off costs the waiter no second thread hop, and its next
 * {@link RedisLockStore#acquire} takes the answer instead of asking again. A prefetched grant that the waiter no longer
 * takes (it timed out, was interrupted, or closed the watch) is released at once; one whose answer was lost (the call
 * failed or timed out on the client) expires with its lease.
 *
 * <p>Each wait is also capped by a re-check interval, so a release message lost while the subscription reconnects
 * costs at most that interval. Used by the one thread that opened it; the subscription's thread only signals it.
 */
final class RedisWatch implements LockWatch {

    private final String lockKey;

    private final Thread waiter = Thread.currentThread();

    private final long recheckNanos;

    private final Consumer<RedisWatch> onClose;

    private final @Nullable Function<AcquireCommand, @Nullable CompletableFuture<AcquireOutcome>> sender;

    private final BiConsumer<AcquireCommand, AcquireOutcome.Granted> orphanReleaser;

    private volatile boolean signalled;

    private @Nullable AcquireCommand refused;

    private @Nullable CompletableFuture<Void> inFlight;

    private @Nullable AcquireOutcome ready;

    private @Nullable AcquireCommand readyCommand;

    private boolean closed;

    RedisWatch(
            String lockKey,
            Duration recheck,
            Consumer<RedisWatch> onClose,
            @Nullable Function<AcquireCommand, @Nullable CompletableFuture<AcquireOutcome>> sender,
            BiConsumer<AcquireCommand, AcquireOutcome.Granted> orphanReleaser) {
        this.lockKey = lockKey;
        this.recheckNanos = recheck.toNanos();
        this.onClose = onClose;
        this.sender = sender;
        this.orphanReleaser = orphanReleaser;
    }

    String lockKey() {
        return lockKey;
    }

    boolean ownedByCurrentThread() {
        return waiter == Thread.currentThread();
    }

    /** Remember the command that was just refused, to prefetch it on the next release. */
    synchronized void refused(AcquireCommand command) {
        this.refused = command;
    }

    /**
     * Take the prefetched answer to a command, waiting for one in flight. Decided in one step with the prefetch's
     * start, so a prefetch never races the waiter's own acquire (which would count a second hold).
     *
     * @param command the command the waiter is about to send
     * @return the answer, or {@code null} when none was prefetched (the waiter then asks itself)
     */
    @Nullable
    AcquireOutcome take(AcquireCommand command) {
        while (true) {
            CompletableFuture<Void> pending;
            synchronized (this) {
                if (!command.equals(refused)) {
                    refused = null;
                    return null;
                }
                pending = inFlight;
                if (pending == null || pending.isDone()) {
                    inFlight = null;
                    return consume();
                }
            }
            pending.handle((done, ex) -> null).join();
        }
    }

    /**
     * Hand out the ready answer. Until the waiter is refused again no prefetch starts.
     */
    private @Nullable AcquireOutcome consume() {
        AcquireOutcome answer = ready;
        ready = null;
        readyCommand = null;
        if (!(answer instanceof AcquireOutcome.Refused)) {
            refused = null;
        }
        return answer;
    }

    /**
     * Called by the subscription when the lock was released, expired or preempted.
     *
     * @return {@code true} when this watch took the message (prefetching or waking its waiter); {@code false} when it
     *     is closed or already has a grant coming or waiting, so the message should go to the next watch
     */
    boolean released() {
        boolean prefetching = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            boolean idle = inFlight == null || inFlight.isDone();
            if (!idle || ready instanceof AcquireOutcome.Granted) {
                return false;
            }
            if (sender != null && refused != null) {
                AcquireCommand command = refused;
                CompletableFuture<AcquireOutcome> sent = sender.apply(command);
                if (sent != null) {
                    ready = null;
                    readyCommand = null;
                    prefetching = true;
                    // The marker completes only after prefetched() has run, so take() never reads a stale answer.
                    inFlight = sent.handle((outcome, ex) -> {
                        prefetched(command, outcome, ex);
                        return null;
                    });
                }
            }
        }
        if (!prefetching) {
            signal();
        }
        return true;
    }

    /** Return whether this watch was woken by a release that its waiter never acted on. */
    boolean wokenButGone() {
        return signalled;
    }

    @Override
    public boolean await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(max.toNanos(), recheckNanos);
        while (!signalled) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        signalled = false;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return true;
    }

    @Override
    public void close() {
        AcquireOutcome.Granted orphan = null;
        AcquireCommand command;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            command = readyCommand;
            if (ready instanceof AcquireOutcome.Granted granted) {
                orphan = granted;
            }
            ready = null;
            readyCommand = null;
        }
        if (orphan != null && command != null) {
            orphanReleaser.accept(command, orphan);
        }
        onClose.accept(this);
    }

    private void prefetched(AcquireCommand command, @Nullable AcquireOutcome outcome, @Nullable Throwable ex) {
        boolean orphaned = false;
        synchronized (this) {
            if (closed) {
                orphaned = outcome instanceof AcquireOutcome.Granted;
            } else if (ex == null) {
                ready = outcome;
                readyCommand = command;
            }
        }
        if (orphaned) {
            orphanReleaser.accept(command, (AcquireOutcome.Granted) outcome);
        }
        signal();
    }

    private void signal() {
        signalled = true;
        LockSupport.unpark(waiter);
    }
}
