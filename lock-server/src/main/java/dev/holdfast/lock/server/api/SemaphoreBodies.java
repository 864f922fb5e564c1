package dev.holdfast.lock.server.api;

import dev.holdfast.lock.server.api.LockBodies.Granted;
import dev.holdfast.lock.server.api.LockBodies.Holder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The request and response bodies of the semaphore endpoints. */
public final class SemaphoreBodies {

    private SemaphoreBodies() {}

    /**
     * Create or resize a semaphore.
     *
     * @param permits its size, at least 1
     * @param fair whether waiters are served in arrival order (at creation only); {@code false} when absent
     */
    public record SizeBody(
            @Nullable Integer permits, @Nullable Boolean fair) {}

    /**
     * Ask for permits.
     *
     * @param owner who asks, within the client
     * @param permits how many; 1 when absent
     * @param leaseMs the lease; 30000 when absent (the session's TTL with a session)
     * @param waitMs how long to wait; 0 when absent
     * @param priority the priority; 0 when absent
     * @param session the session to attach the permits to, or {@code null}
     * @param requestId the id that makes a repeated request return the same grant, or {@code null}
     */
    public record AcquireBody(
            @Nullable String owner,
            @Nullable Integer permits,
            @Nullable Long leaseMs,
            @Nullable Long waitMs,
            @Nullable Integer priority,
            @Nullable String session,
            @Nullable String requestId) {}

    /**
     * Granted permits.
     *
     * @param semaphore {@code namespace/id}
     * @param owner the owner as the client named it
     * @param permits how many
     * @param token the fencing token
     * @param leaseMs the lease granted
     * @param deadline when the lease ends, epoch milliseconds
     * @param remainingMs the lease left when the response was written
     * @param session the session the permits are attached to, or {@code null}
     */
    public record PermitGrant(
            String semaphore,
            String owner,
            int permits,
            long token,
            long leaseMs,
            long deadline,
            long remainingMs,
            @Nullable String session)
            implements Granted<PermitGrant> {

        @Override
        public PermitGrant withRemaining(long remainingMs) {
            return new PermitGrant(semaphore, owner, permits, token, leaseMs, deadline, remainingMs, session);
        }
    }

    /**
     * One holder of permits.
     *
     * @param holder the owner the store holds, with token and lease
     * @param permits how many permits it holds
     */
    public record PermitHolderView(Holder holder, int permits) {}

    /**
     * A semaphore.
     *
     * @param semaphore {@code namespace/id}
     * @param permits its size
     * @param inUse permits held now
     * @param fair whether waiters are served in arrival order
     * @param holders its live grants, oldest first
     * @param waiters requests waiting on this server instance
     */
    public record SemaphoreView(
            String semaphore, int permits, int inUse, boolean fair, List<PermitHolderView> holders, int waiters) {}
}
