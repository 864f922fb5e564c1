package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One acquisition of offline locks: every key of {@code keys} for {@code owner}, or none.
 *
 * @param keys what to lock, at least one; duplicates count once, and they are locked in (namespace, id) order
 * @param owner who asks (a user, a session): not blank, at most {@link LockRequest#MAX_OWNER_LENGTH} characters, as
 *     for every lock; empty for {@link OfflineLockMode#ONE_TIME one-time} locks, which have none
 * @param reason why, shown to those not granted the lock, at most {@link #MAX_REASON_LENGTH} characters, or
 *     {@code null}
 * @param mode how locks that are already held are treated
 * @param idleTimeout how long the locks live without renewal, or {@code null} for the configured default; positive and
 *     at most {@link #MAX_IDLE_TIMEOUT}
 * @param neverExpires whether the locks never expire (only a release frees them)
 */
public record OfflineLockRequest(
        List<LockKey> keys,
        String owner,
        @Nullable String reason,
        OfflineLockMode mode,
        @Nullable Duration idleTimeout,
        boolean neverExpires) {

    /** Longest reason the lock table stores. */
    public static final int MAX_REASON_LENGTH = 255;

    /**
     * Longest idle timeout accepted, here and as the configured default: 365 days. A lock meant to outlive that is
     * marked {@link #neverExpiring() never-expiring}.
     */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(365);

    /** The order in which every acquisition locks its keys: by namespace, then id. */
    static final Comparator<LockKey> KEY_ORDER =
            Comparator.comparing(LockKey::namespace).thenComparing(LockKey::id);

    /**
     * Create a request, validating it.
     *
     * @throws IllegalArgumentException when a value is missing or out of range; the message names the locks and the
     *     value
     */
    public OfflineLockRequest {
        if (keys == null || keys.isEmpty() || keys.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(
                    "Offline lock request of owner [" + owner + "] needs one key or more, none null, but had " + keys);
        }
        TreeSet<LockKey> sorted = new TreeSet<>(KEY_ORDER);
        sorted.addAll(keys);
        keys = List.copyOf(sorted);
        String locks = names(keys);
        if (mode == null) {
            throw new IllegalArgumentException("Offline lock [" + locks + "] request has no mode");
        }
        if (mode == OfflineLockMode.ONE_TIME) {
            owner = "";
        } else {
            LockRequest.validateOwner(locks, owner);
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("Offline lock [" + locks + "] reason [" + reason + "] is longer than "
                    + MAX_REASON_LENGTH + " characters");
        }
        if (idleTimeout != null) {
            checkIdleTimeout("Offline lock [" + locks + "]", idleTimeout);
        }
    }

    /** Name keys in a message: {@code Patient:42, Appointment:7}. */
    static String names(Collection<LockKey> keys) {
        return keys.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * Check that an idle timeout is positive and at most {@link #MAX_IDLE_TIMEOUT}.
     *
     * @param subject what the timeout is for, naming the locks, to start the message
     * @param idleTimeout the timeout
     * @return the timeout
     * @throws IllegalArgumentException when it is out of range; the message names the subject and the value
     */
    static Duration checkIdleTimeout(String subject, @Nullable Duration idleTimeout) {
        if (idleTimeout == null
                || idleTimeout.isNegative()
                || idleTimeout.isZero()
                || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException(subject + " idle timeout must be positive and at most "
                    + MAX_IDLE_TIMEOUT.toDays() + " days, got " + idleTimeout);
        }
        return idleTimeout;
    }

    /**
     * Ask for reentrant locks, with the configured idle timeout.
     *
     * @param owner who asks
     * @param reason why, or {@code null}
     * @param keys what to lock
     * @return the request
     * @throws IllegalArgumentException when a value is not valid
     */
    public static OfflineLockRequest of(String owner, @Nullable String reason, LockKey... keys) {
        return of(owner, reason, (keys != null) ? Arrays.asList(keys) : List.of());
    }

    /**
     * Ask for reentrant locks, with the configured idle timeout.
     *
     * @param owner who asks
     * @param reason why, or {@code null}
     * @param keys what to lock
     * @return the request
     * @throws IllegalArgumentException when a value is not valid
     */
    public static OfflineLockRequest of(String owner, @Nullable String reason, Collection<LockKey> keys) {
        List<LockKey> copy = (keys != null) ? new ArrayList<>(keys) : List.of();
        return new OfflineLockRequest(copy, owner, reason, OfflineLockMode.REENTRANT, null, false);
    }

    /**
     * Ask for one-time locks: not granted to anybody while they live.
     *
     * @param reason why, or {@code null}
     * @param keys what to lock
     * @return the request
     * @throws IllegalArgumentException when a value is not valid
     */
    public static OfflineLockRequest oneTime(@Nullable String reason, LockKey... keys) {
        List<LockKey> list = (keys != null) ? Arrays.asList(keys) : List.of();
        return new OfflineLockRequest(list, "", reason, OfflineLockMode.ONE_TIME, null, false);
    }

    /**
     * Return a copy with another mode.
     *
     * @param mode the mode
     * @return the copy
     */
    public OfflineLockRequest withMode(OfflineLockMode mode) {
        return new OfflineLockRequest(this.keys, this.owner, this.reason, mode, this.idleTimeout, this.neverExpires);
    }

    /**
     * Return a copy that is not granted even the owner's own live locks.
     *
     * @return the copy
     */
    public OfflineLockRequest newOnly() {
        return withMode(OfflineLockMode.NEW_ONLY);
    }

    /**
     * Return a copy that takes free keys at one hold and only renews the owner's own live locks, adding no hold
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
     * @throws IllegalArgumentException when the timeout is out of range; the message names the locks and the value
     */
    public OfflineLockRequest withIdleTimeout(Duration idleTimeout) {
        return new OfflineLockRequest(this.keys, this.owner, this.reason, this.mode, idleTimeout, false);
    }

    /**
     * Return a copy whose locks never expire.
     *
     * @return the copy
     */
    public OfflineLockRequest neverExpiring() {
        return new OfflineLockRequest(this.keys, this.owner, this.reason, this.mode, null, true);
    }
}
