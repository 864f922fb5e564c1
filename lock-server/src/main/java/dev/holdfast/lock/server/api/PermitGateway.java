package dev.holdfast.lock.server.api;

import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.PermitAttempt;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Permits (semaphores, read and write holds) over the {@link SemaphoreStore} SPI, waiting as {@link LockGateway} does:
 * through {@link PermitWatch#nextAsync}, with no thread per waiting request. A waiter that stops without a grant
 * leaves the queue of a fair semaphore or of a read/write lock's writers at once. Thread-safe.
 */
final class PermitGateway {

    private final SemaphoreStore store;

    private final Executor offload;

    private final ServerActivity activity;

    private final WaitingRequests waiting;

    PermitGateway(SemaphoreStore store, Executor offload, ServerActivity activity, WaitingRequests waiting) {
        this.store = store;
        this.offload = offload;
        this.activity = activity;
        this.waiting = waiting;
    }

    SemaphoreStore store() {
        return store;
    }

    Executor offload() {
        return offload;
    }

    /**
     * Ask for permits, waiting up to {@code wait} without holding a thread.
     *
     * @param command what to take, with the owner the store sees
     * @param wait how long to wait; zero asks once
     * @return the store's last answer, with when it was asked
     */
    CompletableFuture<PermitAttempt> acquire(PermitCommand command, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return CompletableFuture.supplyAsync(() -> PermitAttempt.of(store, command), offload)
                .thenCompose((attempt) -> {
                    if (!(attempt.outcome() instanceof PermitOutcome.Refused refused)) {
                        return CompletableFuture.completedFuture(attempt);
                    }
                    if (wait.isZero()) {
                        leave(command, refused);
                        return CompletableFuture.completedFuture(attempt);
                    }
                    return await(command, deadline);
                });
    }

    private CompletableFuture<PermitAttempt> await(PermitCommand command, long deadline) {
        return AsyncWait.start(
                command.key(), command.owner(), deadline, new Waiting(command), offload, activity, waiting);
    }

    /** A permit request's wait: the store's {@link PermitWatch}, asked until it grants or rejects. */
    private final class Waiting implements AsyncWait.Steps<PermitWatch, PermitAttempt> {

        private final PermitCommand command;

        Waiting(PermitCommand command) {
            this.command = command;
        }

        @Override
        public PermitWatch open() {
            return store.watchPermits(command);
        }

        @Override
        public CompletableFuture<PermitAttempt> next(PermitWatch watch, Duration max) {
            return watch.nextAsync(max, offload);
        }

        @Override
        public void close(PermitWatch watch) {
            // Closing the watch gives back a grant on its way and leaves the queue.
            watch.close();
        }

        @Override
        public long refusedFor(PermitAttempt attempt) {
            if (!(attempt.outcome() instanceof PermitOutcome.Refused refused)) {
                return -1;
            }
            return refused.state()
                    .nextToExpire()
                    .map(PermitHolder::remaining)
                    .filter((remaining) -> remaining.compareTo(Duration.ofDays(365)) <= 0)
                    .map((remaining) -> remaining.toNanos() + 1_000_000)
                    .orElse(Long.MAX_VALUE);
        }

        @Override
        public void ended(PermitAttempt attempt, boolean answered) {
            if (!answered && attempt.outcome() instanceof PermitOutcome.Granted granted) {
                // The request was answered (shutdown) while the grant was on its way: give it back.
                offload.execute(
                        () -> store.releasePermits(command.kind(), command.key(), command.owner(), granted.token()));
            }
            if (attempt.outcome() instanceof PermitOutcome.Refused refused) {
                leave(command, refused);
            }
        }
    }

    /** Leave the queue of a fair semaphore, or of a read/write lock's writers, after a refusal that ends the ask. */
    private void leave(PermitCommand command, PermitOutcome.Refused refused) {
        boolean queues = refused.state().fair() || (command.kind() == SemaphoreKind.READ_WRITE && command.exclusive());
        if (queues) {
            offload.execute(() -> store.leaveQueue(command.kind(), command.key(), command.owner()));
        }
    }
}
