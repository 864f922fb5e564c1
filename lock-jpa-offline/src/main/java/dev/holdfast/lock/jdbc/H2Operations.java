package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.sql.Connection;
import java.sql.SQLException;

/** H2, embedded, where a round trip costs nothing: acquire as a {@link TransactionalAcquire}, release in two steps. */
final class H2Operations implements StoreOperations {

    private final TransactionalAcquire acquire;

    private final TwoStepRelease release;

    H2Operations(SqlStatements sql, DatabaseFailures failures) {
        this.acquire = new TransactionalAcquire(sql, failures);
        this.release = new TwoStepRelease(sql);
    }

    @Override
    public AcquireOutcome acquire(Connection connection, AcquireCommand command, boolean othersWait)
            throws SQLException {
        return this.acquire.acquire(connection, command);
    }

    @Override
    public ReleaseOutcome release(Connection connection, LockKey key, String owner, long token) throws SQLException {
        return this.release.release(connection, key, owner, token);
    }
}
