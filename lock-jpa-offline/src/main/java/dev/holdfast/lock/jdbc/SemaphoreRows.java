package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the semaphore tables hold for a key, read from the result sets of {@code semaphore-<platform>.sql}: its row
 * ({@code lock}), its grants and queue places ({@code members}), and whole states ({@code inspect}, {@code list}).
 */
final class SemaphoreRows {

    private SemaphoreRows() {}

    /** A key's {@code holdfast_semaphore} row, and whether a live plain lock holds the key too. */
    record Row(SemaphoreKind kind, int size, boolean fair, boolean waiting, boolean lockHeld) {}

    /** One grant, live or expired by the database clock. */
    record Grant(
            String owner, int priority, long token, int permits, boolean exclusive, boolean live, long remainingMs) {

        PermitHolder holder() {
            return new PermitHolder(
                    owner, priority, token, permits, exclusive, Duration.ofMillis(Math.max(0, remainingMs)));
        }
    }

    /** One waiter's place in a queue, live while its claim lasts. */
    record Place(String owner, long place, boolean live) {}

    /** A key's grants, by token, and queue places, by place. */
    record Members(List<Grant> grants, List<Place> places) {

        static final Members NONE = new Members(List.of(), List.of());

        List<Grant> live() {
            return grants.stream().filter(Grant::live).toList();
        }

        /** The live places, first in line first. */
        List<Place> queue() {
            return places.stream().filter(Place::live).toList();
        }

        /** Return whether anyone holds a live grant or a live place. */
        boolean anyLive() {
            return grants.stream().anyMatch(Grant::live) || places.stream().anyMatch(Place::live);
        }

        @Nullable
        Place placeOf(String owner) {
            return places.stream()
                    .filter((place) -> place.owner().equals(owner))
                    .findFirst()
                    .orElse(null);
        }

        long lastPlace() {
            return places.stream().mapToLong(Place::place).max().orElse(0);
        }
    }

    /** Lock a key's row ({@code lock}) and read it, or return {@code null} when the key has none. */
    static @Nullable Row lock(Connection connection, String sql, LockKey key) throws SQLException {
        try (PreparedStatement statement = JdbcCalls.prepare(connection, sql, key.namespace(), key.id());
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new Row(
                    SemaphoreKind.valueOf(rs.getString("kind")),
                    rs.getInt("size"),
                    rs.getBoolean("fair"),
                    rs.getBoolean("waiting"),
                    rs.getBoolean("lock_held"));
        }
    }

    /** Read a key's grants and places ({@code members}). */
    static Members members(Connection connection, String sql, LockKey key) throws SQLException {
        List<Grant> grants = new ArrayList<>();
        List<Place> places = new ArrayList<>();
        try (PreparedStatement statement =
                        JdbcCalls.prepare(connection, sql, key.namespace(), key.id(), key.namespace(), key.id());
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String owner = Objects.requireNonNull(rs.getString("owner"));
                if ("G".equals(rs.getString("member"))) {
                    grants.add(new Grant(
                            owner,
                            rs.getInt("priority"),
                            rs.getLong("token"),
                            rs.getInt("permits"),
                            rs.getBoolean("exclusive"),
                            rs.getBoolean("live"),
                            rs.getLong("remaining_ms")));
                } else {
                    places.add(new Place(owner, rs.getLong("token"), rs.getBoolean("live")));
                }
            }
        }
        return new Members(grants, places);
    }

    /**
     * Read the states of {@code inspect} or {@code list}: one result row per live grant of a key (or one with no grant),
     * the rows of a key together. A read/write lock without live grants is left out: nobody holds it, so it does not
     * exist.
     */
    static List<SemaphoreState> states(ResultSet rs) throws SQLException {
        List<SemaphoreState> states = new ArrayList<>();
        LockKey key = null;
        SemaphoreKind kind = SemaphoreKind.SEMAPHORE;
        int size = 0;
        boolean fair = false;
        int queued = 0;
        List<PermitHolder> holders = new ArrayList<>();
        while (rs.next()) {
            LockKey rowKey = new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id"));
            if (!rowKey.equals(key)) {
                add(states, key, kind, size, fair, holders, queued);
                key = rowKey;
                kind = SemaphoreKind.valueOf(rs.getString("kind"));
                size = rs.getInt("size");
                fair = rs.getBoolean("fair");
                queued = rs.getInt("queued");
                holders = new ArrayList<>();
            }
            String owner = rs.getString("owner");
            if (owner != null) {
                holders.add(new Grant(
                                owner,
                                rs.getInt("priority"),
                                rs.getLong("token"),
                                rs.getInt("permits"),
                                rs.getBoolean("exclusive"),
                                true,
                                rs.getLong("remaining_ms"))
                        .holder());
            }
        }
        add(states, key, kind, size, fair, holders, queued);
        return states;
    }

    private static void add(
            List<SemaphoreState> states,
            @Nullable LockKey key,
            SemaphoreKind kind,
            int size,
            boolean fair,
            List<PermitHolder> holders,
            int queued) {
        if (key != null && (kind == SemaphoreKind.SEMAPHORE || !holders.isEmpty())) {
            states.add(new SemaphoreState(key, kind, size, fair, holders, queued));
        }
    }
}
