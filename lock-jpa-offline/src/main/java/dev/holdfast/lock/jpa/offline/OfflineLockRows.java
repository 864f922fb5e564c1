package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/** Reads rows of the {@code holdfast_offline_lock} table, with timestamps as the platform stores them. */
final class OfflineLockRows {

    private final LockTablePlatform platform;

    OfflineLockRows(LockTablePlatform platform) {
        this.platform = platform;
    }

    /**
     * Reads a live lock from {@code object_type} (the key's namespace), {@code object_id}, {@code holder} (its
     * owner), reason, token, holds and timestamps.
     */
    RowMapper<OfflineLock> lock() {
        return (rs, rowNum) -> new OfflineLock(
                new LockKey(rs.getString("object_type"), rs.getString("object_id")),
                rs.getString("holder"),
                rs.getString("reason"),
                rs.getLong("token"),
                rs.getInt("holds"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"));
    }

    /** Reads a row locked for update, with whether it is stale by the database clock. */
    RowMapper<Row> lockedRow() {
        return (rs, rowNum) -> new Row(
                rs.getString("holder"),
                rs.getString("reason"),
                rs.getLong("token"),
                rs.getInt("holds"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                rs.getInt("stale") == 1);
    }

    private @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        return this.platform.readInstant(rs, column);
    }

    /** A key's row as locked for update; {@code owner} is the {@code holder} column, {@code null} when free. */
    record Row(
            @Nullable String owner,
            @Nullable String reason,
            long token,
            int holds,
            Instant since,
            @Nullable Instant expiresAt,
            boolean stale) {

        OfflineLock toLock(LockKey key) {
            return new OfflineLock(
                    key,
                    (this.owner != null) ? this.owner : "",
                    this.reason,
                    this.token,
                    this.holds,
                    this.since,
                    this.expiresAt);
        }
    }
}
