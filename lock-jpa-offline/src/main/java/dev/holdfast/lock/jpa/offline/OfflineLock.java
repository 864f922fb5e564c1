package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A live offline lock as the database recorded it.
 *
 * @param key what is locked
 * @param owner who holds it; empty for a one-time lock
 * @param reason why, or {@code null}
 * @param token the fencing token of the grant: greater than every earlier grant's for the key; re-acquisitions by the
 *     owner keep it
 * @param holds how many holds the owner has: each acquisition that adds one counts it, each release takes one, and the
 *     lock is free once none is left
 * @param since when the owner acquired it, by the database clock
 * @param expiresAt when it expires unless renewed, by the database clock, or {@code null} when it never expires
 */
public record OfflineLock(
        LockKey key,
        String owner,
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
     * Return whether this is a one-time lock, which has no owner.
     *
     * @return whether the owner is empty
     */
    public boolean oneTime() {
        return this.owner.isEmpty();
    }
}
