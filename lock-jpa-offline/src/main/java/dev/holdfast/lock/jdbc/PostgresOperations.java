package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: every acquire and every release is one statement. A request that cannot displace anyone (create, or
 * lock with a priority of zero or less) runs {@code acquire}, an {@code INSERT … ON CONFLICT DO UPDATE … WHERE} that
 * grants, re-enters or, refused, reports the holder; a claim or a lock request with a positive priority runs
 * {@code acquire-displacing}, a data-modifying CTE that also reports the holder it displaces. Only a request with a
 * priority of zero or less that finds a holder of negative priority needs both. Release is one
 * {@code UPDATE … RETURNING}.
 */
final class PostgresOperations implements StoreOperations {

    private final String acquire;

    private final String acquireDisplacing;

    private final String release;

    PostgresOperations(SqlStatements sql) {
        this.acquire = sql.get("acquire");
        this.acquireDisplacing = sql.get("acquire-displacing");
        this.release = sql.get("release");
    }

    @Override
    public @Nullable AcquireOutcome acquire(Connection connection, AcquireCommand command, boolean othersWait)
            throws SQLException {
        boolean mayDisplace =
                command.mode() == AcquireMode.CLAIM || (command.mode() == AcquireMode.LOCK && command.priority() > 0);
        if (mayDisplace) {
            return acquireDisplacing(connection, command, othersWait);
        }
        LockKey key = command.key();
        LockState holder;
        try (PreparedStatement statement = JdbcCalls.prepare(
                        connection,
                        this.acquire,
                        key.namespace(),
                        key.id(),
                        command.owner(),
                        command.priority(),
                        StoreOperations.leaseMillis(command),
                        othersWait,
                        command.mode().name(),
                        key.namespace(),
                        key.id());
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long token = rs.getLong("granted_token");
            if (!rs.wasNull()) {
                return new AcquireOutcome.Granted(token, rs.getInt("granted_holds"), null);
            }
            holder = LockStateRows.state(key, rs, "cur_");
        }
        if (command.mode() == AcquireMode.LOCK && command.priority() > holder.priority()) {
            return acquireDisplacing(connection, command, othersWait);
        }
        return new AcquireOutcome.Refused(holder);
    }

    private @Nullable AcquireOutcome acquireDisplacing(
            Connection connection, AcquireCommand command, boolean othersWait) throws SQLException {
        LockKey key = command.key();
        try (PreparedStatement statement = JdbcCalls.prepare(
                        connection,
                        this.acquireDisplacing,
                        key.namespace(),
                        key.id(),
                        command.owner(),
                        command.priority(),
                        StoreOperations.leaseMillis(command),
                        command.mode().name(),
                        othersWait);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            long token = rs.getLong("granted_token");
            boolean granted = !rs.wasNull();
            boolean live = rs.getBoolean("cur_live");
            boolean existed = !rs.wasNull();
            LockState previous = existed ? LockStateRows.state(key, rs, "cur_") : null;
            if (granted) {
                boolean reentered = command.mode() == AcquireMode.LOCK
                        && live
                        && previous != null
                        && previous.owner().equals(command.owner());
                return new AcquireOutcome.Granted(
                        token, rs.getInt("granted_holds"), (live && !reentered) ? previous : null);
            }
            return (previous != null) ? new AcquireOutcome.Refused(previous) : null;
        }
    }

    @Override
    public ReleaseOutcome release(Connection connection, LockKey key, String owner, long token) throws SQLException {
        try (PreparedStatement statement =
                        JdbcCalls.prepare(connection, this.release, key.namespace(), key.id(), owner, token, token);
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return ReleaseOutcome.NOT_HELD;
            }
            return (rs.getInt("holds") > 0) ? ReleaseOutcome.HOLD_DECREMENTED : ReleaseOutcome.RELEASED;
        }
    }
}
