package dev.holdfast.lock.jpa;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link LockStore} on the {@code holdfast_lock} table of PostgreSQL, MySQL/MariaDB or H2, with platform SQL from
 * {@code lock-store-<platform>.sql}.
 *
 * <p>Every operation runs in its own short READ COMMITTED transaction, so a caller's rollback undoes neither an
 * acquire nor a release. Renew and expire are single statements; acquire and release are a fixed few: make sure the
 * key's row exists ({@code INSERT … ON CONFLICT DO NOTHING} or the platform's equivalent), lock it with
 * {@code SELECT … FOR UPDATE} (which also reads liveness and the time left from the database clock), then update it.
 * Racing acquirers queue on the row lock, so exactly one is granted and the others are refused cleanly. Rows are kept
 * after release, so fencing tokens grow per key across release and expiry. Waiters poll with backoff and jitter
 * (the default {@link LockStore#watch(LockKey)}). Database failures become {@link LockStoreException}; a deadlock
 * or lock timeout reported by the database is retried a few times first. Thread-safe.
 */
public class JdbcLockStore implements LockStore {

    private static final String TABLE = "holdfast_lock";

    private static final int MAX_ATTEMPTS = 8;

    private final DatabasePlatform platform;

    private final SqlStatements sql;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    /**
     * Create a store over a data source.
     *
     * @param dataSource the database holding the {@code holdfast_lock} table
     */
    public JdbcLockStore(DataSource dataSource) {
        this.platform = DatabasePlatform.of(dataSource);
        this.sql = SqlStatements.load("dev/holdfast/lock/jpa/lock-store-" + this.platform.id() + ".sql");
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transactions.setTimeout(10);
    }

    /**
     * Check that the lock table exists.
     *
     * @throws LockTableMissingException when it does not
     */
    public void verifyTable() {
        try {
            this.jdbc.queryForObject(this.sql.get("check-table"), Long.class);
        } catch (BadSqlGrammarException ex) {
            throw new LockTableMissingException(TABLE, this.platform, ex);
        }
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        LockKey key = command.key();
        return call("acquire", key, () -> {
            try {
                this.jdbc.update(this.sql.get("insert-if-absent"), key.namespace(), key.id());
            } catch (DuplicateKeyException ex) {
                // H2 only: a racing transaction inserted the row first; the row lock below orders us after it
            }
            Row row = this.jdbc.queryForObject(
                    this.sql.get("select-for-update"), this::mapRow, key.namespace(), key.id());
            long lease = Math.max(1, command.lease().toMillis());
            if (!row.live()) {
                return grant(command, row, null);
            }
            boolean sameOwner = row.state().owner().equals(command.owner());
            if (command.mode() == AcquireMode.CLAIM) {
                return grant(command, row, row.state());
            }
            if (command.mode() == AcquireMode.LOCK && sameOwner) {
                this.jdbc.update(this.sql.get("reenter"), lease, key.namespace(), key.id());
                return new AcquireOutcome.Granted(
                        row.state().token(), row.state().holds() + 1, null);
            }
            if (command.mode() == AcquireMode.LOCK
                    && command.priority() > row.state().priority()) {
                return grant(command, row, row.state());
            }
            return new AcquireOutcome.Refused(row.state());
        });
    }

    private AcquireOutcome grant(AcquireCommand command, Row row, @Nullable LockState displaced) {
        LockKey key = command.key();
        this.jdbc.update(
                this.sql.get("grant"),
                command.owner(),
                command.priority(),
                Math.max(1, command.lease().toMillis()),
                key.namespace(),
                key.id());
        return new AcquireOutcome.Granted(row.state().token() + 1, 1, displaced);
    }

    @Override
    public boolean renew(RenewCommand command) {
        LockKey key = command.key();
        return call(
                "renew",
                key,
                () -> this.jdbc.update(
                                this.sql.get("renew"),
                                Math.max(1, command.lease().toMillis()),
                                key.namespace(),
                                key.id(),
                                command.owner(),
                                command.token(),
                                command.token())
                        > 0);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        return call("release", key, () -> {
            List<Row> rows =
                    this.jdbc.query(this.sql.get("select-for-update"), this::mapRow, key.namespace(), key.id());
            if (rows.isEmpty()) {
                return ReleaseOutcome.NOT_HELD;
            }
            Row row = rows.get(0);
            if (!row.live()
                    || !row.state().owner().equals(owner)
                    || (token != ANY_TOKEN && row.state().token() != token)) {
                return ReleaseOutcome.NOT_HELD;
            }
            if (row.state().holds() > 1) {
                this.jdbc.update(this.sql.get("decrement"), key.namespace(), key.id());
                return ReleaseOutcome.HOLD_DECREMENTED;
            }
            this.jdbc.update(this.sql.get("free"), key.namespace(), key.id());
            return ReleaseOutcome.RELEASED;
        });
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        return call("expire", key, () -> {
            int updated = (owner != null)
                    ? this.jdbc.update(this.sql.get("expire-owner"), key.namespace(), key.id(), owner)
                    : this.jdbc.update(this.sql.get("expire-any"), key.namespace(), key.id());
            return updated > 0;
        });
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return call(
                "inspect",
                key,
                () -> this.jdbc.query(this.sql.get("inspect"), this::mapState, key.namespace(), key.id()).stream()
                        .findFirst());
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            return (namespace != null)
                    ? this.jdbc.query(this.sql.get("list-namespace"), this::mapState, namespace, limit)
                    : this.jdbc.query(this.sql.get("list"), this::mapState, limit);
        } catch (DataAccessException ex) {
            throw new LockStoreException(
                    "Listing locks in namespace [" + namespace + "] failed in the " + this.platform.id()
                            + " lock store",
                    ex);
        }
    }

    private <T> T call(String operation, LockKey key, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return this.transactions.execute((status) -> work.get());
            } catch (PessimisticLockingFailureException ex) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LockStoreException(
                            "Lock [" + key + "] " + operation + " failed after " + attempt
                                    + " attempts: database lock contention",
                            ex);
                }
                LockSupport.parkNanos(Duration.ofMillis(
                                ThreadLocalRandom.current().nextLong(2, 10L << Math.min(attempt, 5)))
                        .toNanos());
            } catch (DataAccessException ex) {
                throw new LockStoreException(
                        "Lock [" + key + "] " + operation + " failed in the " + this.platform.id() + " lock store", ex);
            }
        }
    }

    private Row mapRow(ResultSet rs, int rowNum) throws SQLException {
        String owner = rs.getString("owner");
        boolean live = owner != null && rs.getInt("live") == 1;
        LockState state = new LockState(
                new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id")),
                (owner != null) ? owner : "",
                rs.getInt("priority"),
                rs.getLong("token"),
                rs.getInt("holds"),
                remaining(rs));
        return new Row(state, live);
    }

    private LockState mapState(ResultSet rs, int rowNum) throws SQLException {
        return new LockState(
                new LockKey(rs.getString("lock_namespace"), rs.getString("lock_id")),
                rs.getString("owner"),
                rs.getInt("priority"),
                rs.getLong("token"),
                rs.getInt("holds"),
                remaining(rs));
    }

    private static Duration remaining(ResultSet rs) throws SQLException {
        long millis = rs.getLong("remaining_ms");
        return Duration.ofMillis(Math.max(0, millis));
    }

    /** A key's row as locked for update. */
    private record Row(LockState state, boolean live) {}
}
