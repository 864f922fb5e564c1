package dev.holdfast.lock.jpa.offline;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an offline lock acquisition answered: all targets acquired, or refused with who holds the first one. */
public sealed interface OfflineLockResult {

    /**
     * Return whether every target was acquired.
     *
     * @return {@code true} for {@link Acquired}
     */
    boolean acquired();

    /**
     * Every target was acquired (or re-acquired, with a renewed expiry).
     *
     * @param locks the locks now held, in (type, id) order
     * @param holdsAdded the targets on which this acquisition added a hold, in (type, id) order: every target, except
     *     those a {@link OfflineLockMode#TAKE_OR_RENEW} acquisition found already held by the holder and only renewed.
     *     Releasing each of them once undoes the acquisition, as {@link OfflineLocks#withLock} does
     */
    record Acquired(List<OfflineLock> locks, List<LockTarget> holdsAdded) implements OfflineLockResult {

        /** Create the result. */
        public Acquired {
            locks = List.copyOf(locks);
            holdsAdded = List.copyOf(holdsAdded);
        }

        @Override
        public boolean acquired() {
            return true;
        }

        /**
         * Return whether this acquisition added a hold on a target (it took the target, or re-entered it).
         *
         * @param target one of the acquired targets
         * @return whether a release of the target is owed for this acquisition
         */
        public boolean addedHold(LockTarget target) {
            return this.holdsAdded.contains(target);
        }
    }

    /**
     * Nothing was acquired because a target is locked.
     *
     * @param target the first locked target
     * @param holder who holds it; empty for a one-time lock
     * @param reason why they hold it, or {@code null}
     * @param since when they acquired it, by the database clock
     * @param expiresAt when it expires unless renewed, or {@code null} when it never expires
     * @param ownLock whether the asker holds it themselves (refused by {@link OfflineLockMode#NEW_ONLY})
     */
    record Refused(
            LockTarget target,
            String holder,
            @Nullable String reason,
            Instant since,
            @Nullable Instant expiresAt,
            boolean ownLock)
            implements OfflineLockResult {

        @Override
        public boolean acquired() {
            return false;
        }

        /**
         * Describe the refusal for a person, naming the target, holder and reason.
         *
         * @return the description
         */
        public String describe() {
            String who = this.holder.isEmpty() ? "a one-time lock" : "'" + this.holder + "'";
            String why = (this.reason != null) ? " (" + this.reason + ")" : "";
            String until = (this.expiresAt != null) ? " until " + this.expiresAt : " without expiry";
            return "Lock [" + this.target + "] is held by " + who + why + " since " + this.since + until;
        }
    }
}
