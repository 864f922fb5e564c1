package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AcquireLoop} without a blocked caller: asks through {@link LockStore#acquireAsync} and waits through
 * {@link LockWatch#nextAsync}, so a waiter holds no thread while it waits for the store's notification. Cancelling
 * the returned future stops the wait at once (the watch is closed, giving back a grant on its way); a grant that
 * arrives after the cancellation is released. Thread-safe.
 */
final class AsyncAcquireLoop {

    private final LockStore store;

    private final AcquireLoop loop;

    AsyncAcquireLoop(LockStore store, AcquireLoop loop) {
        this.store = store;
        this.loop = loop;
    }

    CompletableFuture<LockResult> acquire(LockRequest request, String owner, Executor offload) {
        AcquireCommand command =
                new AcquireCommand(request.key(), owner, request.priority(), request.lease(), AcquireMode.LOCK);
        long start = System.nanoTime();
        boolean waits = !request.waitTime().isZero();
        long deadline = LockRequest.isForever(request.waitTime())
                ? Long.MAX_VALUE
                : start + request.waitTime().toNanos();
        CompletableFuture<LockResult> result = new CompletableFuture<>();
        loop.acquiring(request, owner);
        // A request only for a lock that exists asks the store first (a blocking call, so on offload).
        CompletableFuture<Boolean> exists = request.onlyIfExists()
                ? CompletableFuture.supplyAsync(
                        () -> store.inspect(request.key()).isPresent(), offload)
                : CompletableFuture.completedFuture(true);
        exists.thenCompose((present) -> present ? ask(command, offload) : CompletableFuture.completedFuture(null))
                .thenCompose((attempt) -> (attempt == null || attempt.granted() || !waits)
                        ? CompletableFuture.completedFuture(attempt)
                        : await(command, deadline, offload, result))
                .whenComplete((attempt, ex) -> {
                    if (ex != null) {
                        if (!result.isDone()) {
                            result.completeExceptionally(failure(request, owner, start, ex));
                        }
                        return;
                    }
                    LockResult answer = (attempt != null)
                            ? loop.result(request, owner, attempt, waits, start)
                            : loop.missing(request, owner, start);
                    if (!result.complete(answer) && answer instanceof LockResult.Acquired acquired) {
                        // The caller left (cancelled) while the grant was on its way: give it back.
                        acquired.lease().closeAsync(offload);
                    }
                });
        return result;
    }

    private CompletableFuture<@Nullable AcquireAttempt> ask(AcquireCommand command, Executor offload) {
        long asked = System.nanoTime();
        try {
            return store.acquireAsync(command, offload).thenApply((outcome) -> new AcquireAttempt(outcome, asked));
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Open the store's watch on {@code offload} (opening may block: Redis confirms its subscription, PostgreSQL
     * listens), then wait through it.
     */
    private CompletableFuture<AcquireAttempt> await(
            AcquireCommand command, long deadline, Executor offload, CompletableFuture<LockResult> caller) {
        return CompletableFuture.supplyAsync(() -> store.watch(command), offload)
                .thenCompose((watch) -> {
                    CompletableFuture<AcquireAttempt> done = new CompletableFuture<>();
                    caller.whenComplete((result, ex) -> watch.close());
                    step(watch, Duration.ZERO, deadline, offload, caller, done);
                    return done.whenComplete((attempt, ex) -> watch.close());
                });
    }

    private void step(
            LockWatch watch,
            Duration max,
            long deadline,
            Executor offload,
            CompletableFuture<LockResult> caller,
            CompletableFuture<AcquireAttempt> done) {
        if (caller.isDone()) {
            done.completeExceptionally(new CancellationException("Waiter of [" + watch + "] left"));
            return;
        }
        CompletableFuture<AcquireAttempt> next;
        try {
            next = watch.nextAsync(max, offload);
        } catch (RuntimeException ex) {
            next = CompletableFuture.failedFuture(ex);
        }
        next.whenComplete((attempt, ex) -> {
            if (ex != null) {
                done.completeExceptionally(ex);
                return;
            }
            long left = (deadline == Long.MAX_VALUE) ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (attempt.granted() || left <= 0) {
                done.complete(attempt);
                return;
            }
            long untilExpiry = WaitLoop.untilExpiry(
                    ((AcquireOutcome.Refused) attempt.outcome()).holder().remaining());
            step(watch, Duration.ofNanos(Math.min(left, untilExpiry)), deadline, offload, caller, done);
        });
    }

    private RuntimeException failure(LockRequest request, String owner, long start, Throwable ex) {
        Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
        RuntimeException failure;
        if (cause instanceof InterruptedException interrupted) {
            failure = new LockInterruptedException(request.key(), interrupted);
        } else {
            failure = (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
        }
        return loop.failure(request, owner, start, failure);
    }
}
