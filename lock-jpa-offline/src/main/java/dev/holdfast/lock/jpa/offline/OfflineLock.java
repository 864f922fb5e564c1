package dev.holdfast.lock.jpa.offline;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A live offline lock as the database recorded it.
 *
 * @param target what is locked
 * @param holder who holds it; empty for a one-time lock
 * @param reason why, or {@code null}
 * @param token the fencing token of the grant: greater than every earlier grant's for the target; re-acquisitions by
 *     the holder keep it
 * @param holds how many holds the holder has: each acquisition that adds one counts it, each release takes one, and
 *     the lock is free once none is left
 * @param since when the holder acquired it, by the database clock
 * @param expiresAt when it expires unless renewed, by the database clock, or {@code null} when it never expires
 */
public record OfflineLock(
        LockTarget target,
        String holder,
        @Nullable String reason,
        long token,
        int holds,
        Instant since,
        @Nullable Instant expiresAt) {

    /**
     * Return whether the lock was marked never-expiring.
     *
     * @return whether it has no expiry
     */
    public boolean neverExpires() {
        return this.expiresAt == null;
    }

    /**
     * Return whether this is a one-time lock, which has no holder.
     *
     * @return whether the holder is empty
     */
    public boolean oneTime() {
        return this.holder.isEmpty();
    }
}
