package dev.holdfast.lock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Runs code under a granted lease, as the {@link LockTemplate#currentLease() current lease}, and ends the hold when
 * the code is done: at once, or when the stage it returned completes; released, or left to expire at the end of a
 * minimum hold. A {@link LockLostException} from the release never hides the code's own failure: it is suppressed
 * into it.
 */
final class LeaseCalls {

    private LeaseCalls() {}

    static <T, E extends Throwable> T run(Lease lease, Duration minHold, LockCallback<? extends T, E> callback)
            throws E {
        try (HoldRelease release = () -> release(lease, minHold)) {
            return CurrentLeases.runUnder(lease, callback);
        }
    }

    static <T, E extends Throwable> @Nullable CompletableFuture<T> runUntilComplete(
            Lease lease, Duration minHold, LockCallback<? extends @Nullable CompletionStage<T>, E> callback) throws E {
        CompletionStage<T> stage;
        // The release moves to the stage's completion when the code returns one, so try-with-resources does not fit.
        try {
            stage = CurrentLeases.runUnder(lease, callback);
        } catch (Throwable ex) {
            releaseInto(ex, lease, minHold);
            throw ex;
        }
        if (stage == null) {
            release(lease, minHold);
            return null;
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                releaseInto(error, lease, minHold);
                done.completeExceptionally(error);
                return;
            }
            try {
                release(lease, minHold);
            } catch (RuntimeException releaseFailure) {
                done.completeExceptionally(releaseFailure);
                return;
            }
            done.complete(value);
        });
        return done;
    }

    /**
     * Release after the code, or leave the lock to expire at the end of its minimum hold.
     *
     * @throws LockLostException when the lease was lost meanwhile
     */
    private static void release(Lease lease, Duration minHold) {
        if (minHold.isZero() || !lease.isHeld()) {
            lease.close();
        } else {
            lease.releaseAfter(minHold);
        }
    }

    /** Release after code that failed, adding a failure of the release to the code's own. */
    private static void releaseInto(Throwable failure, Lease lease, Duration minHold) {
        try {
            release(lease, minHold);
        } catch (RuntimeException releaseFailure) {
            failure.addSuppressed(releaseFailure);
        }
    }

    /** The end of a hold, as try-with-resources closes it. */
    private interface HoldRelease extends AutoCloseable {

        @Override
        void close();
    }
}
