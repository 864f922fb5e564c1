package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.ServerActivity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The wait of one HTTP request for a lock or permits, without a thread: the store's watch is opened on the offload
 * executor, then asked again and again through its asynchronous {@code nextAsync} until it grants, the request's
 * deadline passes or the request is answered otherwise (shutdown). The request counts as waiting on
 * {@link ServerActivity} and {@link WaitingRequests} meanwhile; the watch is closed when the wait ends. Used by
 * {@link LockGateway} and {@link PermitGateway}, which say through {@link Steps} what their watch and attempts are.
 *
 * @param <W> the store's watch
 * @param <A> one answer of the store
 */
final class AsyncWait<W, A> {

    /**
     * What a gateway's wait is made of.
     *
     * @param <W> the store's watch
     * @param <A> one answer of the store
     */
    interface Steps<W, A> {

        /** Open the store's watch (may block: runs on the offload executor). */
        W open();

        /** Ask the watch again, waiting up to {@code max} for a wake-up first. */
        CompletableFuture<A> next(W watch, Duration max);

        /** Close the watch: it gives back a grant on its way and leaves the store's queue. */
        void close(W watch);

        /**
         * Return how long, in nanoseconds, the refusal may stand before the holder's lease runs out, or a negative
         * number when the answer ends the wait (a grant).
         */
        long refusedFor(A attempt);

        /**
         * Finish with the last answer of the store.
         *
         * @param attempt the answer
         * @param answered whether it became the request's answer; {@code false} when the request had been answered
         *     otherwise (shutdown) and a grant in it must be given back
         */
        void ended(A attempt, boolean answered);
    }

    private final Steps<W, A> steps;

    private final long deadline;

    private final CompletableFuture<A> done = new CompletableFuture<>();

    private AsyncWait(Steps<W, A> steps, long deadline) {
        this.steps = steps;
        this.deadline = deadline;
    }

    /**
     * Wait for a lock or permits until the deadline, without a thread.
     *
     * @param key what is waited for
     * @param owner who waits, as the store sees it
     * @param deadline the {@link System#nanoTime()} at which the wait ends with the store's last answer
     * @param steps the gateway's watch and attempts
     * @param offload where blocking store calls run
     * @param activity counts the waiter
     * @param waiting answers the request at shutdown
     * @return the store's last answer
     */
    static <W, A> CompletableFuture<A> start(
            LockKey key,
            String owner,
            long deadline,
            Steps<W, A> steps,
            Executor offload,
            ServerActivity activity,
            WaitingRequests waiting) {
        AsyncWait<W, A> wait = new AsyncWait<>(steps, deadline);
        CompletableFuture<A> done = wait.done;
        activity.waiting(key, owner);
        waiting.add(done, key);
        done.whenComplete((attempt, ex) -> {
            activity.doneWaiting(key);
            waiting.remove(done);
        });
        CompletableFuture.supplyAsync(steps::open, offload).whenComplete((watch, ex) -> {
            if (ex != null) {
                done.completeExceptionally(ex);
                return;
            }
            done.whenComplete((attempt, failure) -> steps.close(watch));
            wait.step(watch, Duration.ZERO);
        });
        return done;
    }

    private void step(W watch, Duration max) {
        if (done.isDone()) {
            return;
        }
        CompletableFuture<A> next;
        try {
            next = steps.next(watch, max);
        } catch (RuntimeException ex) {
            next = CompletableFuture.failedFuture(ex);
        }
        next.whenComplete((attempt, ex) -> {
            if (ex != null) {
                done.completeExceptionally(ex);
                return;
            }
            long left = deadline - System.nanoTime();
            long refusedFor = steps.refusedFor(attempt);
            if (refusedFor < 0 || left <= 0) {
                steps.ended(attempt, done.complete(attempt));
                return;
            }
            step(watch, Duration.ofNanos(Math.min(left, refusedFor)));
        });
    }
}
