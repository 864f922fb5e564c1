package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.SqlStatements;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Locks {@link TableRow}s with {@code SELECT ... FOR UPDATE} through a {@link JdbcTemplate}, which joins the current
 * transaction's connection. Statements come from {@code row-locks.sql}, with the database's own from
 * {@code row-locks-<database>.sql} in their place, read once the database is known.
 */
final class JdbcRowLocker {

    private static final String STATEMENTS = "dev/holdfast/lock/jpa/rows/row-locks";

    private final JdbcTemplate jdbcTemplate;

    private final Supplier<Database> database;

    private final Supplier<SqlStatements> sql;

    JdbcRowLocker(JdbcTemplate jdbcTemplate, Supplier<Database> database) {
        this.jdbcTemplate = jdbcTemplate;
        this.database = database;
        this.sql = SingletonSupplier.of(() -> SqlStatements.load(STATEMENTS + ".sql")
                .overriddenBy(STATEMENTS + "-" + database.get().driver().getId() + ".sql"));
    }

    static RowKey keyOf(TableRow row) {
        Object id = row.id();
        if (id instanceof Integer || id instanceof Short || id instanceof Byte) {
            id = ((Number) id).longValue();
        }
        return new RowKey(row.table().toLowerCase(Locale.ROOT), id);
    }

    /**
     * Prepare the transaction for a lock wait before the first row is locked.
     *
     * @return what to pass to {@link #finish} once the rows are locked
     */
    @Nullable
    String start(LockWait wait) {
        String get = this.sql.get().find("timeout-get");
        if (wait.mode() != LockWait.Mode.TIMEOUT || get == null) {
            return null;
        }
        String previous = this.jdbcTemplate.queryForObject(get, String.class);
        long millis = Objects.requireNonNull(wait.timeout()).toMillis();
        this.jdbcTemplate.queryForObject(this.sql.get().get("timeout-set"), String.class, millis + "ms");
        return previous;
    }

    void finish(@Nullable String previous) {
        if (previous != null) {
            this.jdbcTemplate.queryForObject(this.sql.get().get("timeout-set"), String.class, previous);
        }
    }

    /**
     * Lock one row in the current transaction.
     *
     * @return whether the row is now locked (false when skipped or missing)
     */
    boolean lock(TableRow row, LockWait wait) {
        String name = switch (wait.mode()) {
            case DATABASE_DEFAULT -> "lock";
            case TIMEOUT -> "lock-timeout";
            case NOWAIT -> "lock-nowait";
            case SKIP_LOCKED -> "lock-skip-locked";
        };
        String seconds = (wait.timeout() != null) ? seconds(wait) : "";
        String statement = this.sql
                .get()
                .get(name)
                .replace("{table}", row.table())
                .replace("{id}", row.idColumn())
                .replace("{seconds}", seconds);
        Boolean found = this.jdbcTemplate.query(statement, (ResultSetExtractor<Boolean>) ResultSet::next, row.id());
        return Boolean.TRUE.equals(found);
    }

    private String seconds(LockWait wait) {
        long millis = Objects.requireNonNull(wait.timeout()).toMillis();
        if (this.database.get().isMysqlOrMariaDb()) {
            return Long.toString(Math.max(1, (millis + 999) / 1000));
        }
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
