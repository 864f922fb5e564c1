package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * The plain locks of a {@link JdbcLockStore}, on the {@code holdfast_lock} table, with each platform's SQL in
 * {@code lock-store-<platform>.sql}: acquire and release through the platform's {@link StoreOperations}, the rest one
 * statement each (the watchdog's batch a {@link BatchRenewal}). Thread-safe.
 */
final class JdbcLocks {

    private static final int MAX_CREATE_RACES = 4;

    private final LockTablePlatform platform;

    private final SqlStatements sql;

    private final JdbcCalls calls;

    private final StoreOperations operations;

    private final BatchRenewal renewals;

    JdbcLocks(JdbcCalls calls, LockTablePlatform platform, SqlStatements sql, Database database) {
        this.calls = calls;
        this.platform = platform;
        this.sql = sql;
        this.operations = switch (platform) {
            case POSTGRESQL -> new PostgresOperations(sql);
            case MYSQL -> new MysqlOperations(sql, database.failures(), database.driver() == DatabaseDriver.MARIADB);
            case H2 -> new H2Operations(sql, database.failures());
        };
        this.renewals = new BatchRenewal(sql);
    }

    /** Check that the lock table exists, with every column this version needs. */
    void verifyTable() throws SQLException {
        this.calls.run((connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(this.sql.get("check-table"));
                    ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }

    AcquireOutcome acquire(AcquireCommand command, boolean othersWait) {
        return this.calls.call("acquire", command.key(), (connection) -> {
            for (int attempt = 1; ; attempt++) {
                AcquireOutcome outcome = this.operations.acquire(connection, command, othersWait);
                if (outcome != null) {
                    return outcome;
                }
                if (attempt >= MAX_CREATE_RACES) {
                    throw new LockStoreException("Lock [" + command.key() + "] acquire lost " + attempt
                            + " races to create its row in the " + this.platform.id() + " lock store");
                }
            }
        });
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
        String operation = (all.size() == 1) ? "renew" : "renew (with " + (all.size() - 1) + " other leases)";
        return this.calls.call(operation, all.get(0).key(), (connection) -> this.renewals.renewAll(connection, all));
    }

    ReleaseOutcome release(LockKey key, String owner, long token) {
        return this.calls.call("release", key, (connection) -> this.operations.release(connection, key, owner, token));
    }

    boolean expire(LockKey key, @Nullable String owner) {
        return this.calls.call("expire", key, (connection) -> {
            int updated = (owner != null)
                    ? JdbcCalls.update(connection, this.sql.get("expire-owner"), key.namespace(), key.id(), owner)
                    : JdbcCalls.update(connection, this.sql.get("expire-any"), key.namespace(), key.id());
            return updated > 0;
        });
    }

    Optional<LockState> inspect(LockKey key) {
        return this.calls.call("inspect", key, (connection) -> {
            List<LockState> states = query(connection, this.sql.get("inspect"), key.namespace(), key.id());
            return states.stream().findFirst();
        });
    }

    List<LockState> list(@Nullable String namespace, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            return this.calls.run((connection) -> (namespace != null)
                    ? query(connection, this.sql.get("list-namespace"), namespace, limit)
                    : query(connection, this.sql.get("list"), limit));
        } catch (SQLException ex) {
            throw new LockStoreException(
                    "Listing locks in namespace [" + namespace + "] failed in the " + this.platform.id()
                            + " lock store",
                    ex);
        }
    }

    private static List<LockState> query(Connection connection, String sql, Object... parameters) throws SQLException {
        List<LockState> states = new ArrayList<>();
        try (PreparedStatement statement = JdbcCalls.prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                states.add(LockStateRows.state(rs));
            }
        }
        return states;
    }
}
