package dev.holdfast.lock.server.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON of the dashboard's events, {@code GET /api/v1/events}. */
public final class DashboardBodies {

    private DashboardBodies() {}

    /**
     * The first event of a stream ({@code snapshot}): who is looking, and everything the page shows.
     *
     * @param viewer the authenticated client
     * @param store the store's short name
     * @param state the locks, semaphores and sessions, with the last five minutes per second
     * @param recent the latest activities, oldest first
     */
    public record Snapshot(Viewer viewer, String store, State state, List<ActivityRow> recent) {}

    /**
     * What the page shows, sent on connect and then each second ({@code state}).
     *
     * @param locks the held locks, at most {@code holdfast.server.dashboard.max-rows}
     * @param semaphores the semaphores and read/write locks, as many at most
     * @param sessions the sessions opened on this instance and not ended, as many at most
     * @param sessionsOpen how many sessions opened on this instance are not ended
     * @param waiting how many requests wait on this instance
     * @param seconds activity per second: five minutes in a snapshot, the last few seconds in a tick
     * @param at when the state was read, epoch milliseconds of the server's clock
     */
    public record State(
            List<LockRow> locks,
            List<SemaphoreRow> semaphores,
            List<SessionRow> sessions,
            int sessionsOpen,
            int waiting,
            List<Second> seconds,
            long at) {}

    /**
     * What changed since the last event ({@code change}), sent as it happens.
     *
     * @param locks locks whose holder changed, as the store holds them now
     * @param gone locks and semaphores named by an activity that the store does not hold as a lock now
     * @param activities what happened, oldest first
     * @param at when the store was read, epoch milliseconds
     */
    public record Change(List<LockRow> locks, List<String> gone, List<ActivityRow> activities, long at) {}

    /**
     * The client that opened the stream.
     *
     * @param client its name
     * @param admin whether it may force-release
     * @param roles its roles
     */
    public record Viewer(String client, boolean admin, List<String> roles) {}

    /**
     * A held lock.
     *
     * @param lock {@code namespace/id}
     * @param owner the owner the store holds, client prefix included
     * @param token the fencing token
     * @param priority the holder's priority
     * @param remainingMs the lease left when read; -1 for a lock that never expires
     * @param waiters requests waiting for it on this instance
     */
    public record LockRow(String lock, String owner, long token, int priority, long remainingMs, int waiters) {}

    /**
     * A semaphore or a read/write lock.
     *
     * @param semaphore {@code namespace/id}
     * @param kind {@code SEMAPHORE} or {@code READ_WRITE}
     * @param permits its size ({@link Integer#MAX_VALUE} for a read/write lock)
     * @param inUse the permits the live grants hold
     * @param queued waiters in its queue
     * @param holders the live grants
     */
    public record SemaphoreRow(
            String semaphore, String kind, int permits, int inUse, int queued, List<PermitRow> holders) {}

    /**
     * A grant of permits.
     *
     * @param owner the owner the store holds
     * @param token the fencing token
     * @param permits how many permits
     * @param remainingMs the lease left when read
     */
    public record PermitRow(String owner, long token, int permits, long remainingMs) {}

    /**
     * A session opened on this instance.
     *
     * @param session its id
     * @param client the client that opened it, when known
     * @param openedAt when, epoch milliseconds
     */
    public record SessionRow(String session, @Nullable String client, long openedAt) {}

    /**
     * One activity.
     *
     * @param kind what happened
     * @param target {@code namespace/id} or the session id
     * @param owner the owner the store sees, or {@code null}
     * @param token the fencing token, or 0
     * @param handoffMs for a grant handed over after a release: the time since the release; otherwise {@code null}
     * @param at when, epoch milliseconds
     */
    public record ActivityRow(
            String kind,
            String target,
            @Nullable String owner,
            long token,
            @Nullable Double handoffMs,
            long at) {}

    /**
     * One second of activity.
     *
     * @param second epoch seconds
     * @param grants locks and permits granted
     * @param refusals requests refused or not granted within their wait
     * @param lost leases found lost (a renewal refused, or a hold of an expired session)
     * @param handoffs grants to a request that waited for a release through this instance
     * @param handoffAvgMs their mean latency
     * @param handoffMaxMs their longest latency
     */
    public record Second(
            long second,
            long grants,
            long refusals,
            long lost,
            long handoffs,
            double handoffAvgMs,
            double handoffMaxMs) {}
}
