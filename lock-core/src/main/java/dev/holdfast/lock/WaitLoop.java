package dev.holdfast.lock;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The one wait loop of every kind of lock: ask through the store's watch at once (so a release between the refused
 * attempt and the watch is not missed), then keep waiting for a release, for the holder's lease to run out, or for the
 * time left, until granted or out of time.
 */
final class WaitLoop {

    private WaitLoop() {}

    /** A store's watch: wait up to a bound, then ask once. */
    @FunctionalInterface
    interface Watch<A> {

        A next(Duration max) throws InterruptedException;
    }

    /**
     * Wait through a watch.
     *
     * @param watch the store's watch
     * @param waiting whether an answer is a refusal worth waiting on (any other answer ends the loop)
     * @param untilExpiryNanos how long the holder's lease has left after a refusal, {@link Long#MAX_VALUE} for never
     * @param deadlineNanos when to give up, by {@link System#nanoTime()}, or {@link Long#MAX_VALUE} to wait until
     *     granted
     * @param <A> the store's answer
     * @return the last answer
     * @throws InterruptedException when interrupted while waiting
     */
    static <A> A await(Watch<A> watch, Predicate<A> waiting, ToLongFunction<A> untilExpiryNanos, long deadlineNanos)
            throws InterruptedException {
        A attempt = watch.next(Duration.ZERO);
        while (waiting.test(attempt)) {
            long left = (deadlineNanos == Long.MAX_VALUE) ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return attempt;
            }
            attempt = watch.next(Duration.ofNanos(Math.min(left, untilExpiryNanos.applyAsLong(attempt))));
        }
        return attempt;
    }

    /** Return the nanoseconds until a lease with this much left runs out, with a millisecond of margin. */
    static long untilExpiry(Duration remaining) {
        return LockRequest.isForever(remaining) ? Long.MAX_VALUE : remaining.toNanos() + 1_000_000;
    }
}
