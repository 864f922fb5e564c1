package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * MySQL and MariaDB. On MariaDB (10.5+, which has {@code INSERT … RETURNING}) a plain lock request is one
 * {@code INSERT … ON DUPLICATE KEY UPDATE … RETURNING}: it creates the row, takes a free or expired lock, or re-enters
 * the owner's, and returns the row, whose owner tells a grant from a refusal. Create and claim requests, a refused
 * request that would preempt a lower priority, and every acquire on MySQL, run as a {@link TransactionalAcquire}.
 * Release is a {@link TwoStepRelease}: one statement in the usual case.
 */
final class MysqlOperations implements StoreOperations {

    private final boolean returning;

    private final String acquireLock;

    private final TransactionalAcquire transactional;

    private final TwoStepRelease release;

    MysqlOperations(SqlStatements sql, DatabaseFailures failures, boolean returning) {
        this.returning = returning;
        this.acquireLock = sql.get("acquire-lock");
        this.transactional = new TransactionalAcquire(sql, failures);
        this.release = new TwoStepRelease(sql);
    }

    @Override
    public AcquireOutcome acquire(Connection connection, AcquireCommand command, boolean othersWait)
            throws SQLException {
        if (!this.returning || command.mode() != AcquireMode.LOCK) {
            return this.transactional.acquire(connection, command);
        }
        LockKey key = command.key();
        LockState row;
        try (PreparedStatement statement = JdbcCalls.prepare(
                        connection,
                        this.acquireLock,
                        key.namespace(),
                        key.id(),
                        command.owner(),
                        command.priority(),
                        StoreOperations.leaseMillis(command));
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            row = LockStateRows.state(key, rs, "");
        }
        if (row.owner().equals(command.owner())) {
            return new AcquireOutcome.Granted(row.token(), row.holds(), null);
        }
        if (command.priority() > row.priority()) {
            return this.transactional.acquire(connection, command);
        }
        return new AcquireOutcome.Refused(row);
    }

    @Override
    public ReleaseOutcome release(Connection connection, LockKey key, String owner, long token) throws SQLException {
        return this.release.release(connection, key, owner, token);
    }
}
