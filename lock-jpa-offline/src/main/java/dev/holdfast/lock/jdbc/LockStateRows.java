package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Reads lock state from result set columns, optionally with a column prefix such as {@code cur_}. */
final class LockStateRows {

    private LockStateRows() {}

    static LockState state(LockKey key, ResultSet rs, String prefix) throws SQLException {
        String owner = rs.getString(prefix + "owner");
        return new LockState(
                key,
                (owner != null) ? owner : "",
                rs.getInt(prefix + "priority"),
                rs.getLong(prefix + "token"),
                rs.getInt(prefix + "holds"),
                Duration.ofMillis(Math.max(0, rs.getLong(prefix + "remaining_ms"))));
    }

    static LockState state(ResultSet rs) throws SQLException {
        return state(new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id")), rs, "");
    }
}
