package dev.holdfast.lock.spi;

import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a store answered to a {@link PermitCommand}. */
public sealed interface PermitOutcome {

    /**
     * The permits were granted.
     *
     * @param token the grant's fencing token: strictly greater than every earlier grant's of the semaphore, except on
     *     a read/write lock's re-entry by the same owner in the same mode, where it is the owner's token
     * @param displaced the holders of lower priority displaced by preemption or claim (their leases are lost)
     */
    record Granted(long token, List<PermitHolder> displaced) implements PermitOutcome {

        public Granted {
            displaced = List.copyOf(displaced);
        }
    }

    /**
     * Not enough permits are free, or a waiter ahead in the queue comes first; the caller may wait.
     *
     * @param state the semaphore as it is
     */
    record Refused(SemaphoreState state) implements PermitOutcome {}

    /** The semaphore does not exist, and the command did not ask to create it; waiting will not help. */
    record Missing() implements PermitOutcome {}

    /**
     * The command can never be granted as asked, so the caller must not wait: more permits than the semaphore has,
     * a reader asking to upgrade to writer while other readers hold, a key that a plain lock (or the other kind) holds.
     *
     * @param cause which of the three
     * @param reason why, in words that name the semaphore and the value at fault
     * @param state the semaphore as it is, when it exists
     */
    record Rejected(Cause cause, String reason, @Nullable SemaphoreState state) implements PermitOutcome {

        /** Why a command can never be granted as asked. */
        public enum Cause {

            /** More permits than the semaphore has. */
            TOO_MANY_PERMITS,

            /** A reader asked for the write lock while other readers hold the read lock. */
            UPGRADE,

            /** A plain lock, or the other kind of semaphore, holds the key. */
            KEY_IN_USE
        }
    }
}
