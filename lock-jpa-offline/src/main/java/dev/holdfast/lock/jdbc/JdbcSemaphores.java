package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.jdbc.SemaphoreRows.Members;
import dev.holdfast.lock.jdbc.SemaphoreRows.Row;
import dev.holdfast.lock.jdbc.internal.DatabaseFailures;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The semaphores and read/write locks of a {@link JdbcLockStore}, on the tables {@code holdfast_semaphore},
 * {@code holdfast_semaphore_grant} and {@code holdfast_semaphore_queue}, with each platform's SQL in
 * {@code semaphore-<platform>.sql}. Create and acquire are a {@link SemaphoreAcquire}; resize and delete are each one
 * short transaction that locks the key's row first; a release, a renewal, leaving the queue, inspect and list are one
 * statement each. On PostgreSQL with notifications ({@code notifying}), what may let a refused waiter in sends a
 * NOTIFY. Thread-safe.
 */
final class JdbcSemaphores {

    private static final List<String> TABLES =
            List.of("holdfast_semaphore", "holdfast_semaphore_grant", "holdfast_semaphore_queue");

    private final JdbcCalls calls;

    private final SqlStatements sql;

    private final LockTablePlatform platform;

    private final boolean notifying;

    private final SemaphoreAcquire acquire;

    private final BatchRenewal renewals;

    JdbcSemaphores(JdbcCalls calls, LockTablePlatform platform, DatabaseFailures failures, boolean notifying) {
        this.calls = calls;
        this.platform = platform;
        this.sql = platform.statements("dev/holdfast/lock/jdbc/semaphore");
        this.notifying = notifying;
        this.acquire = new SemaphoreAcquire(this.sql, failures, notifying);
        this.renewals = new BatchRenewal(this.sql);
    }

    /**
     * Check that the semaphore tables exist, with every column this version needs.
     *
     * @throws LockTableMissingException naming the first table that does not
     */
    void verifyTables() {
        for (String table : TABLES) {
            try {
                this.calls.run((connection) -> {
                    try (PreparedStatement statement = connection.prepareStatement(this.sql.get("check-" + table));
                            ResultSet rs = statement.executeQuery()) {
                        return rs.next();
                    }
                });
            } catch (SQLException ex) {
                throw new LockTableMissingException(table, this.platform.id(), ex);
            }
        }
    }

    boolean create(LockKey key, int size, boolean fair) {
        checkSize(key, size);
        return this.calls.call("create", key, (connection) -> this.acquire.create(connection, key, size, fair));
    }

    Optional<SemaphoreState> resize(LockKey key, int size) {
        checkSize(key, size);
        return this.calls.call(
                "resize",
                key,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    if (JdbcCalls.update(tx, this.sql.get("resize"), size, key.namespace(), key.id()) == 0) {
                        return Optional.<SemaphoreState>empty();
                    }
                    return inspect(tx, SemaphoreKind.SEMAPHORE, key);
                }));
    }

    SemaphoreDeletion delete(LockKey key, boolean force) {
        return this.calls.call(
                "delete",
                key,
                (connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                    Row row = SemaphoreRows.lock(tx, this.sql.get("lock"), key);
                    if (row == null || row.kind() != SemaphoreKind.SEMAPHORE) {
                        return SemaphoreDeletion.NOT_FOUND;
                    }
                    Members members = SemaphoreRows.members(tx, this.sql.get("members"), key);
                    if (!force && !members.live().isEmpty()) {
                        return SemaphoreDeletion.IN_USE;
                    }
                    deleteRow(tx, key, members);
                    return SemaphoreDeletion.DELETED;
                }));
    }

    PermitOutcome acquire(PermitCommand command, boolean othersWait) {
        return this.calls.call(
                "acquire", command.key(), (connection) -> this.acquire.acquire(connection, command, othersWait));
    }

    boolean renew(RenewCommand command) {
        LockKey key = command.key();
        return this.calls.call(
                "renew",
                key,
                (connection) -> JdbcCalls.update(
                                connection,
                                this.sql.get("renew"),
                                LockStore.leaseMillis(command.lease()),
                                key.namespace(),
                                key.id(),
                                command.owner(),
                                command.token(),
                                command.token())
                        > 0);
    }

    List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<RenewCommand> all = List.copyOf(commands);
        return this.calls.call("renew", all.get(0).key(), (connection) -> this.renewals.renewAll(connection, all));
    }

    /** Give a grant back: one statement, whatever the kind (a token is one grant's, of either kind). */
    ReleaseOutcome release(LockKey key, String owner, long token) {
        return this.calls.call(
                "release",
                key,
                (connection) ->
                        (JdbcCalls.count(connection, this.sql.get("release"), key.namespace(), key.id(), owner, token)
                                        > 0)
                                ? ReleaseOutcome.RELEASED
                                : ReleaseOutcome.NOT_HELD);
    }

    /** Drop a refused waiter's queue place: one statement (PostgreSQL: telling the waiters, as a release does). */
    boolean leave(LockKey key, String owner) {
        return this.calls.call(
                "leave the queue",
                key,
                (connection) ->
                        JdbcCalls.count(connection, this.sql.get("leave"), key.namespace(), key.id(), owner) > 0);
    }

    Optional<SemaphoreState> inspect(SemaphoreKind kind, LockKey key) {
        return this.calls.call("inspect", key, (connection) -> inspect(connection, kind, key));
    }

    private Optional<SemaphoreState> inspect(Connection connection, SemaphoreKind kind, LockKey key)
            throws SQLException {
        try (PreparedStatement statement =
                        JdbcCalls.prepare(connection, this.sql.get("inspect"), key.namespace(), key.id(), kind.name());
                ResultSet rs = statement.executeQuery()) {
            return SemaphoreRows.states(rs).stream().findFirst();
        }
    }

    List<SemaphoreState> list(@Nullable String namespace, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            return this.calls.run((connection) -> {
                try (PreparedStatement statement = (namespace != null)
                                ? JdbcCalls.prepare(connection, this.sql.get("list-namespace"), namespace, limit)
                                : JdbcCalls.prepare(connection, this.sql.get("list"), limit);
                        ResultSet rs = statement.executeQuery()) {
                    return SemaphoreRows.states(rs);
                }
            });
        } catch (SQLException ex) {
            throw new LockStoreException(
                    "Listing semaphores in namespace [" + namespace + "] failed in the " + this.platform.id()
                            + " lock store",
                    ex);
        }
    }

    /**
     * Delete what no longer counts: grants expired and queue places dead for longer than the retention, then the rows
     * of read/write locks left with neither (each checked again under its row lock).
     *
     * @return how many rows were deleted
     */
    int deleteIdle(long retentionMillis, int batch) throws SQLException {
        int deleted = 0;
        for (String statement : List.of("delete-expired-grants", "delete-dead-places")) {
            int rows;
            do {
                rows = this.calls.run(
                        (connection) -> JdbcCalls.update(connection, this.sql.get(statement), retentionMillis, batch));
                deleted += rows;
            } while (rows >= batch);
        }
        List<LockKey> idle = this.calls.run((connection) -> {
            List<LockKey> keys = new ArrayList<>();
            try (PreparedStatement statement = JdbcCalls.prepare(connection, this.sql.get("idle-read-write"), batch);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id")));
                }
            }
            return keys;
        });
        for (LockKey key : idle) {
            deleted += this.calls.run((connection) -> JdbcCalls.inTransaction(connection, (tx) -> {
                Row row = SemaphoreRows.lock(tx, this.sql.get("lock"), key);
                if (row == null || row.kind() != SemaphoreKind.READ_WRITE) {
                    return 0;
                }
                if (!SemaphoreRows.members(tx, this.sql.get("members"), key).equals(Members.NONE)) {
                    return 0;
                }
                return JdbcCalls.update(tx, this.sql.get("delete-row"), key.namespace(), key.id());
            }));
        }
        return deleted;
    }

    /** Delete a key's grants, places and row, while the row is locked; its waiters are told (PostgreSQL). */
    private void deleteRow(Connection tx, LockKey key, Members members) throws SQLException {
        this.acquire.deleteMembers(tx, key, members);
        JdbcCalls.update(tx, this.sql.get("delete-row"), key.namespace(), key.id());
    }

    private static void checkSize(LockKey key, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Semaphore [" + key + "] size must be at least 1, but was " + size);
        }
    }
}
