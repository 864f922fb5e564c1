package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import java.util.List;

/**
 * What an offline lock acquisition answered: {@link Acquired} with every lock, or {@link NotAcquired} with the holder
 * of the first key that is held.
 */
public sealed interface OfflineLockResult {

    /**
     * Return whether every key was acquired.
     *
     * @return {@code true} for {@link Acquired}
     */
    boolean acquired();

    /**
     * Every key was acquired (or re-acquired, with a renewed expiry).
     *
     * @param locks the locks now held, in (namespace, id) order
     * @param holdsAdded the keys on which this acquisition added a hold, in (namespace, id) order: every key, except
     *     those a {@link OfflineLockMode#TAKE_OR_RENEW} acquisition found already held by the owner and only renewed.
     *     Releasing each of them once undoes the acquisition, as {@link OfflineLocks#execute} does
     */
    record Acquired(List<OfflineLock> locks, List<LockKey> holdsAdded) implements OfflineLockResult {

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
         * Return whether this acquisition added a hold on a key (it took the lock, or re-entered it).
         *
         * @param key one of the acquired keys
         * @return whether a release of the key is owed for this acquisition
         */
        public boolean addedHold(LockKey key) {
            return this.holdsAdded.contains(key);
        }
    }

    /**
     * Nothing was acquired because a key is held (offline locks never wait).
     *
     * @param key the first held key
     * @param owner who asked; empty for a one-time request
     * @param holder the lock as its owner holds it: who, why, since when and until when
     */
    record NotAcquired(LockKey key, String owner, OfflineLock holder) implements OfflineLockResult {

        @Override
        public boolean acquired() {
            return false;
        }

        /**
         * Return whether the owner who asked holds the lock themselves (not granted in
         * {@link OfflineLockMode#NEW_ONLY} mode).
         *
         * @return whether the holder is the asker
         */
        public boolean ownLock() {
            return this.holder.owner().equals(this.owner);
        }

        /**
         * Describe the result in one sentence naming the lock, the owner who asked, and the holder with its reason.
         *
         * @return the description
         */
        public String describe() {
            String by = this.owner.isEmpty() ? "" : " by '" + this.owner + "'";
            String who = this.holder.oneTime() ? "a one-time lock" : "'" + this.holder.owner() + "'";
            String why = (this.holder.reason() != null) ? " (" + this.holder.reason() + ")" : "";
            String until = this.holder.neverExpires() ? " without expiry" : " until " + this.holder.expiresAt();
            return "Lock [" + this.key + "] not acquired" + by + ": held by " + who + why + " since "
                    + this.holder.since() + until;
        }
    }
}
