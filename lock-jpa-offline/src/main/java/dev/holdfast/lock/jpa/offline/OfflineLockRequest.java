package dev.holdfast.lock.jpa.offline;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One acquisition of offline locks: all of {@code targets} for {@code holder}, or none.
 *
 * @param targets what to lock, at least one; duplicates count once, and they are locked in (type, id) order
 * @param holder who asks (a user, a session); empty only for {@link OfflineLockMode#ONE_TIME one-time} locks
 * @param reason why, shown to those refused, or {@code null}
 * @param mode how locks that are already held are treated
 * @param idleTimeout how long the locks live without renewal, or {@code null} for the configured default; positive and
 *     at most {@link #MAX_IDLE_TIMEOUT}
 * @param neverExpires whether the locks never expire (only a release frees them)
 */
public record OfflineLockRequest(
        List<LockTarget> targets,
        String holder,
        @Nullable String reason,
        OfflineLockMode mode,
        @Nullable Duration idleTimeout,
        boolean neverExpires) {

    /** Longest holder the lock table stores. */
    public static final int MAX_HOLDER_LENGTH = 255;

    /** Longest reason the lock table stores. */
    public static final int MAX_REASON_LENGTH = 255;

    /**
     * Longest idle timeout accepted, here and as the configured default: 365 days. A lock meant to outlive that is
     * marked {@link #neverExpiring() never-expiring}.
     */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(365);

    /**
     * Create a request, validating it.
     *
     * @throws InvalidLockTargetException when a value is missing or out of range; the message names it
     */
    public OfflineLockRequest {
        if (targets == null || targets.isEmpty()) {
            throw new InvalidLockTargetException("Offline lock request for holder [" + holder + "] has no target");
        }
        targets = List.copyOf(new TreeSet<>(targets));
        if (mode == null) {
            throw new InvalidLockTargetException("Offline lock request for " + targets + " has no mode");
        }
        if (mode == OfflineLockMode.ONE_TIME) {
            holder = "";
        } else if (holder == null || holder.isBlank()) {
            throw new InvalidLockTargetException(
                    "Offline lock request for " + targets + " needs a holder, got [" + holder + "]");
        }
        if (holder.length() > MAX_HOLDER_LENGTH) {
            throw new InvalidLockTargetException("Offline lock request for " + targets + ": holder [" + holder
                    + "] is longer than " + MAX_HOLDER_LENGTH + " characters");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidLockTargetException("Offline lock request for " + targets + ": reason [" + reason
                    + "] is longer than " + MAX_REASON_LENGTH + " characters");
        }
        if (idleTimeout != null) {
            checkIdleTimeout("Offline lock request for " + targets, idleTimeout);
        }
    }

    /**
     * Check that an idle timeout is positive and at most {@link #MAX_IDLE_TIMEOUT}.
     *
     * @param subject what the timeout is for, naming the targets, to start the message
     * @param idleTimeout the timeout
     * @return the timeout
     * @throws InvalidLockTargetException when it is out of range; the message names the subject and the value
     */
    static Duration checkIdleTimeout(String subject, @Nullable Duration idleTimeout) {
        if (idleTimeout == null
                || idleTimeout.isNegative()
                || idleTimeout.isZero()
                || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new InvalidLockTargetException(subject + ": idle timeout must be positive and at most "
                    + MAX_IDLE_TIMEOUT.toDays() + " days, got " + idleTimeout);
        }
        return idleTimeout;
    }

    /**
     * Ask for reentrant locks on targets, with the configured idle timeout.
     *
     * @param holder who asks
     * @param reason why, or {@code null}
     * @param targets what to lock
     * @return the request
     */
    public static OfflineLockRequest of(String holder, @Nullable String reason, LockTarget... targets) {
        return of(holder, reason, Arrays.asList(targets));
    }

    /**
     * Ask for reentrant locks on targets, with the configured idle timeout.
     *
     * @param holder who asks
     * @param reason why, or {@code null}
     * @param targets what to lock
     * @return the request
     */
    public static OfflineLockRequest of(String holder, @Nullable String reason, Collection<LockTarget> targets) {
        return new OfflineLockRequest(List.copyOf(targets), holder, reason, OfflineLockMode.REENTRANT, null, false);
    }

    /**
     * Ask for one-time locks: refused to everybody while they live.
     *
     * @param reason why, or {@code null}
     * @param targets what to lock
     * @return the request
     */
    public static OfflineLockRequest oneTime(@Nullable String reason, LockTarget... targets) {
        return new OfflineLockRequest(List.of(targets), "", reason, OfflineLockMode.ONE_TIME, null, false);
    }

    /**
     * Return a copy with another mode.
     *
     * @param mode the mode
     * @return the copy
     */
    public OfflineLockRequest withMode(OfflineLockMode mode) {
        return new OfflineLockRequest(
                this.targets, this.holder, this.reason, mode, this.idleTimeout, this.neverExpires);
    }

    /**
     * Return a copy that refuses even the holder's own live locks.
     *
     * @return the copy
     */
    public OfflineLockRequest newOnly() {
        return withMode(OfflineLockMode.NEW_ONLY);
    }

    /**
     * Return a copy that takes free targets at one hold and only renews the holder's own live locks, adding no hold
     * ({@link OfflineLockMode#TAKE_OR_RENEW}): for a lock kept across the requests of one edit.
     *
     * @return the copy
     */
    public OfflineLockRequest takeOrRenew() {
        return withMode(OfflineLockMode.TAKE_OR_RENEW);
    }

    /**
     * Return a copy with its own idle timeout.
     *
     * @param idleTimeout how long the locks live without renewal, positive and at most {@link #MAX_IDLE_TIMEOUT}
     * @return the copy
     * @throws InvalidLockTargetException when the timeout is out of range; the message names the targets and it
     */
    public OfflineLockRequest withIdleTimeout(Duration idleTimeout) {
        return new OfflineLockRequest(this.targets, this.holder, this.reason, this.mode, idleTimeout, false);
    }

    /**
     * Return a copy whose locks never expire.
     *
     * @return the copy
     */
    public OfflineLockRequest neverExpiring() {
        return new OfflineLockRequest(this.targets, this.holder, this.reason, this.mode, null, true);
    }
}
