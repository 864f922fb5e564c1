package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Acquire in one short transaction of a fixed few statements: make sure the key's row exists, lock it with
 * {@code SELECT … FOR UPDATE} (reading liveness and the time left from the database clock), then update it. Racing
 * acquirers queue on the row lock, so exactly one is granted. Used by H2 for every mode and by MySQL/MariaDB for the
 * rare ones (create, claim, preemption). A grant's token is the next value of the token sequence, or the row's token + 1
 * when that is higher (rows from before the sequence).
 */
final class TransactionalAcquire {

    private final String insertIfAbsent;

    private final String selectForUpdate;

    private final String grant;

    private final String nextToken;

    private final String reenter;

    private final DatabaseFailures failures;

    TransactionalAcquire(SqlStatements sql, DatabaseFailures failures) {
        this.failures = failures;
        this.insertIfAbsent = sql.get("insert-if-absent");
        this.selectForUpdate = sql.get("select-for-update");
        this.grant = sql.get("grant");
        this.nextToken = sql.get("next-token");
        this.reenter = sql.get("reenter");
    }

    AcquireOutcome acquire(Connection connection, AcquireCommand command) throws SQLException {
        return JdbcCalls.inTransaction(connection, (tx) -> acquireLocked(tx, command));
    }

    private AcquireOutcome acquireLocked(Connection connection, AcquireCommand command) throws SQLException {
        LockKey key = command.key();
        try {
            JdbcCalls.update(connection, this.insertIfAbsent, key.namespace(), key.id());
        } catch (SQLException ex) {
            if (!this.failures.isDuplicateKey(ex)) {
                throw ex;
            }
            // H2 only: a racing transaction inserted the row first; the row lock below orders us after it
        }
        LockState state;
        boolean live;
        try (PreparedStatement statement =
                        JdbcCalls.prepare(connection, this.selectForUpdate, key.namespace(), key.id());
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            state = LockStateRows.state(key, rs, "");
            live = rs.getString("owner") != null && rs.getInt("live") == 1;
        }
        long lease = StoreOperations.leaseMillis(command);
        if (!live) {
            return grant(connection, command, state, null);
        }
        if (command.mode() == AcquireMode.CLAIM) {
            return grant(connection, command, state, state);
        }
        boolean sameOwner = state.owner().equals(command.owner());
        if (command.mode() == AcquireMode.LOCK && sameOwner) {
            JdbcCalls.update(connection, this.reenter, lease, key.namespace(), key.id());
            return new AcquireOutcome.Granted(state.token(), state.holds() + 1, null);
        }
        if (command.mode() == AcquireMode.LOCK && command.priority() > state.priority()) {
            return grant(connection, command, state, state);
        }
        return new AcquireOutcome.Refused(state);
    }

    private AcquireOutcome grant(
            Connection connection, AcquireCommand command, LockState current, @Nullable LockState displaced)
            throws SQLException {
        LockKey key = command.key();
        long next;
        try (PreparedStatement statement = connection.prepareStatement(this.nextToken);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            next = rs.getLong(1);
        }
        JdbcCalls.update(
                connection,
                this.grant,
                command.owner(),
                command.priority(),
                next,
                StoreOperations.leaseMillis(command),
                key.namespace(),
                key.id());
        return new AcquireOutcome.Granted(Math.max(next, current.token() + 1), 1, displaced);
    }
}
