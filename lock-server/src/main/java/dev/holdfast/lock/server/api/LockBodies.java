package dev.holdfast.lock.server.api;

import org.jspecify.annotations.Nullable;

/** The request and response bodies of the lock endpoints. */
public final class LockBodies {

    private LockBodies() {}

    /**
     * Ask for a lock.
     *
     * @param owner who asks, within the client (the store sees {@code <client>/<owner>})
     * @param leaseMs the lease in milliseconds; 30000 when absent
     * @param waitMs how long to wait for the lock; 0 (do not wait) when absent
     * @param priority the priority; 0 when absent
     * @param mode {@code exclusive} (default), {@code read} or {@code write}
     * @param session the session to attach the lock to, or {@code null}
     * @param requestId the id that makes a repeated request return the same grant, or {@code null}
     * @param lockDelayMs how long the lock stays unavailable after its holder is lost; 0 when absent
     */
    public record AcquireBody(
            @Nullable String owner,
            @Nullable Long leaseMs,
            @Nullable Long waitMs,
            @Nullable Integer priority,
            @Nullable String mode,
            @Nullable String session,
            @Nullable String requestId,
            @Nullable Long lockDelayMs) {}

    /**
     * Renew a lease.
     *
     * @param owner the holder, as given at acquire
     * @param token the fencing token of the grant
     * @param leaseMs the new lease in milliseconds; the grant's lease when absent (30000)
     */
    public record RenewBody(
            @Nullable String owner, long token, @Nullable Long leaseMs) {}

    /**
     * Release a hold.
     *
     * @param owner the holder, as given at acquire
     * @param token the fencing token of the grant
     */
    public record ReleaseBody(@Nullable String owner, long token) {}

    /**
     * A granted lock.
     *
     * @param lock {@code namespace/id}
     * @param owner the owner as the client named it (without the client prefix)
     * @param token the fencing token
     * @param leaseMs the lease granted
     * @param deadline when the lease ends, epoch milliseconds
     * @param remainingMs the lease left when the response was written
     * @param session the session the lock is attached to, or {@code null}
     * @param mode {@code exclusive}, {@code read} or {@code write}
     */
    public record Grant(
            String lock,
            String owner,
            long token,
            long leaseMs,
            long deadline,
            long remainingMs,
            @Nullable String session,
            String mode)
            implements Granted<Grant> {

        @Override
        public Grant withRemaining(long remainingMs) {
            return new Grant(lock, owner, token, leaseMs, deadline, remainingMs, session, mode);
        }
    }

    /**
     * What every grant tells: its fencing token, its deadline, and the time left.
     *
     * @param <G> the grant's own type
     */
    public interface Granted<G> {

        /**
         * Return the fencing token.
         *
         * @return the token
         */
        long token();

        /**
         * Return when the lease ends, epoch milliseconds.
         *
         * @return the deadline
         */
        long deadline();

        /**
         * Return the time left when the response was written.
         *
         * @return milliseconds
         */
        long remainingMs();

        /**
         * Return the same grant with the time left counted again.
         *
         * @param remainingMs the time left now
         * @return the grant
         */
        G withRemaining(long remainingMs);
    }

    /**
     * A lock's holder, as a store sees it.
     *
     * @param owner the owner the store holds, client prefix included
     * @param token the fencing token
     * @param deadline when the lease ends, epoch milliseconds; -1 for a lock that never expires
     * @param remainingMs the lease left; -1 for a lock that never expires
     */
    public record Holder(String owner, long token, long deadline, long remainingMs) {}

    /**
     * A held lock.
     *
     * @param lock {@code namespace/id}
     * @param holder the holder
     * @param waiters requests waiting for it on this server instance
     */
    public record LockView(String lock, Holder holder, int waiters) {}
}
