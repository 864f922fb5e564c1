package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.dashboard.DashboardBodies.LockRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.PermitRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.SemaphoreRow;
import dev.holdfast.lock.server.dashboard.DashboardBodies.State;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the dashboard shows from the store (held locks, semaphores) and from this instance (waiters, sessions,
 * activity per second). Called from the event stream's one thread.
 */
final class DashboardReader {

    private final LockStore store;

    private final @Nullable SemaphoreStore semaphores;

    private final ServerActivity activity;

    private final DashboardFeed feed;

    private final Clock clock;

    private final int maxRows;

    DashboardReader(
            LockStore store,
            @Nullable SemaphoreStore semaphores,
            ServerActivity activity,
            DashboardFeed feed,
            Clock clock,
            int maxRows) {
        this.store = store;
        this.semaphores = semaphores;
        this.activity = activity;
        this.feed = feed;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /**
     * Read the state, with the activity of the last {@code seconds} seconds.
     *
     * @param seconds how many seconds of activity, the current one included
     * @return the state
     */
    State state(int seconds) {
        long now = clock.millis();
        long second = Math.floorDiv(now, 1000);
        List<LockRow> locks = store.list(null, maxRows).stream().map(this::row).toList();
        List<SemaphoreRow> permits = (semaphores != null)
                ? semaphores.listSemaphores(null, maxRows).stream()
                        .map(DashboardReader::row)
                        .toList()
                : List.of();
        int waiting =
                activity.waiters().values().stream().mapToInt(Integer::intValue).sum();
        return new State(
                locks,
                permits,
                feed.sessions(maxRows),
                feed.sessionsOpen(),
                waiting,
                feed.seconds(second - seconds + 1, second),
                now);
    }

    /**
     * Read one lock.
     *
     * @param target {@code namespace/id}
     * @return the lock as the store holds it, or empty when it is not held (or names no lock)
     */
    Optional<LockRow> lock(String target) {
        int slash = target.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        LockKey key;
        try {
            key = LockKey.of(target.substring(0, slash), target.substring(slash + 1));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        return store.inspect(key).map(this::row);
    }

    /**
     * Return the store's short name.
     *
     * @return the name
     */
    String storeName() {
        return store.name();
    }

    private LockRow row(LockState state) {
        return new LockRow(
                ServerActivity.target(state.key()),
                state.owner(),
                state.token(),
                state.priority(),
                state.neverExpires() ? -1 : state.remaining().toMillis(),
                activity.waiters(state.key()));
    }

    private static SemaphoreRow row(SemaphoreState state) {
        List<PermitRow> holders =
                state.holders().stream().limit(50).map(DashboardReader::row).toList();
        return new SemaphoreRow(
                ServerActivity.target(state.key()),
                state.kind().name(),
                state.size(),
                state.used(),
                state.queued(),
                holders);
    }

    private static PermitRow row(PermitHolder holder) {
        return new PermitRow(
                holder.owner(),
                holder.token(),
                holder.permits(),
                holder.remaining().toMillis());
    }
}
