package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockState;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The lock operations of the API over the store SPI, without a thread per waiting request: a refused request that may
 * wait opens the store's {@link LockWatch} and waits through {@link LockWatch#nextAsync}, so it costs a future and a
 * watch registration, not a thread. Blocking store calls run on the server's bounded offload executor. Leases are not
 * kept in this process: renew and release go to the store by owner and token, so any server instance on the same
 * store serves them. Thread-safe.
 */
final class LockGateway {

    private final LockStore store;

    private final Executor offload;

    private final ServerActivity activity;

    private final WaitingRequests waiting;

    LockGateway(LockStore store, Executor offload, ServerActivity activity, WaitingRequests waiting) {
        this.store = store;
        this.offload = offload;
        this.activity = activity;
        this.waiting = waiting;
    }

    /**
     * Ask for a lock, waiting up to {@code wait} without holding a thread.
     *
     * @param command what to acquire, with the owner the store sees
     * @param wait how long to wait; zero asks once
     * @return the store's last answer, with when it was asked
     */
    CompletableFuture<AcquireAttempt> acquire(AcquireCommand command, Duration wait) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        return ask(command).thenCompose((attempt) -> {
            if (attempt.granted() || wait.isZero()) {
                return CompletableFuture.completedFuture(attempt);
            }
            return await(command, deadline);
        });
    }

    private CompletableFuture<AcquireAttempt> ask(AcquireCommand command) {
        long asked = System.nanoTime();
        try {
            return store.acquireAsync(command, offload).thenApply((outcome) -> new AcquireAttempt(outcome, asked));
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private CompletableFuture<AcquireAttempt> await(AcquireCommand command, long deadline) {
        return AsyncWait.start(
                command.key(), command.owner(), deadline, new Waiting(command), offload, activity, waiting);
    }

    /** A lock request's wait: the store's {@link LockWatch}, asked until it grants. */
    private final class Waiting implements AsyncWait.Steps<LockWatch, AcquireAttempt> {

        private final AcquireCommand command;

        Waiting(AcquireCommand command) {
            this.command = command;
        }

        @Override
        public LockWatch open() {
            return store.watch(command);
        }

        @Override
        public CompletableFuture<AcquireAttempt> next(LockWatch watch, Duration max) {
            return watch.nextAsync(max, offload);
        }

        @Override
        public void close(LockWatch watch) {
            watch.close();
        }

        @Override
        public long refusedFor(AcquireAttempt attempt) {
            if (attempt.granted()) {
                return -1;
            }
            LockState holder = ((AcquireOutcome.Refused) attempt.outcome()).holder();
            return holder.neverExpires() ? Long.MAX_VALUE : holder.remaining().toNanos() + 1_000_000;
        }

        @Override
        public void ended(AcquireAttempt attempt, boolean answered) {
            if (!answered && attempt.granted()) {
                // The request was answered (shutdown) while the grant was on its way: give it back.
                long token = ((AcquireOutcome.Granted) attempt.outcome()).token();
                store.releaseAsync(command.key(), command.owner(), token, offload);
            }
        }
    }

    LockStore store() {
        return store;
    }

    /**
     * Return the store's short name.
     *
     * @return the name
     */
    String storeName() {
        return store.name();
    }

    /**
     * Return the cause of a failure from a future, unwrapped.
     *
     * @param ex the failure
     * @return its cause
     */
    static Throwable cause(Throwable ex) {
        return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
    }
}
