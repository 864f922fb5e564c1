package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Release without {@code RETURNING} (MySQL/MariaDB, H2): one autocommit {@code UPDATE} that frees the lock when this
 * is the last hold, which is the usual case; only when it matches nothing, a second that drops one of several holds.
 * A lock that matches neither is not held by the caller.
 */
final class TwoStepRelease {

    private static final int ROUNDS = 2;

    private final String releaseLast;

    private final String releaseHold;

    TwoStepRelease(SqlStatements sql) {
        this.releaseLast = sql.get("release-last");
        this.releaseHold = sql.get("release-hold");
    }

    ReleaseOutcome release(Connection connection, LockKey key, String owner, long token) throws SQLException {
        // A release of the same lease racing on another thread can move the count between the two statements, so a
        // miss of both is checked once more.
        for (int round = 0; round < ROUNDS; round++) {
            if (JdbcCalls.update(connection, this.releaseLast, key.namespace(), key.id(), owner, token, token) > 0) {
                return ReleaseOutcome.RELEASED;
            }
            if (JdbcCalls.update(connection, this.releaseHold, key.namespace(), key.id(), owner, token, token) > 0) {
                return ReleaseOutcome.HOLD_DECREMENTED;
            }
        }
        return ReleaseOutcome.NOT_HELD;
    }
}
