package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** How one platform acquires and releases: the operations whose SQL differs in shape, not only in dialect. */
interface StoreOperations {

    /**
     * Try once to acquire, on an autocommit connection.
     *
     * @param othersWait whether other waiters of this store wait for the lock (PostgreSQL: a grant keeps the row
     *     flagged, so that its release notifies)
     * @return the outcome, or {@code null} when a racing transaction created the key's row first: ask again
     */
    @Nullable
    AcquireOutcome acquire(Connection connection, AcquireCommand command, boolean othersWait) throws SQLException;

    /** Release one hold of {@code owner} and {@code token} (or any token for {@code 0}), on an autocommit connection. */
    ReleaseOutcome release(Connection connection, LockKey key, String owner, long token) throws SQLException;

    static long leaseMillis(AcquireCommand command) {
        return LockStore.leaseMillis(command.lease());
    }
}
