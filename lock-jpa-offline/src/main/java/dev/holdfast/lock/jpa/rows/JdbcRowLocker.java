package dev.holdfast.lock.jpa.rows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Locks {@link TableRow}s with {@code SELECT ... FOR UPDATE} through a {@link JdbcTemplate}, which joins the current
 * transaction's connection. Statements come from {@code row-lock.properties}, by platform.
 */
final class JdbcRowLocker {

    private static final Properties SQL = load();

    private final JdbcTemplate jdbcTemplate;

    private volatile @Nullable String platform;

    JdbcRowLocker(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
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
        if (wait.mode() != LockWait.Mode.TIMEOUT || sql("timeout.get") == null) {
            return null;
        }
        String previous = this.jdbcTemplate.queryForObject(Objects.requireNonNull(sql("timeout.get")), String.class);
        long millis = Objects.requireNonNull(wait.timeout()).toMillis();
        this.jdbcTemplate.queryForObject(Objects.requireNonNull(sql("timeout.set")), String.class, millis + "ms");
        return previous;
    }

    void finish(@Nullable String previous) {
        if (previous != null) {
            this.jdbcTemplate.queryForObject(Objects.requireNonNull(sql("timeout.set")), String.class, previous);
        }
    }

    /**
     * Lock one row in the current transaction.
     *
     * @return whether the row is now locked (false when skipped or missing)
     */
    boolean lock(TableRow row, LockWait wait) {
        String key = switch (wait.mode()) {
            case DATABASE_DEFAULT -> "lock";
            case TIMEOUT -> "lock.timeout";
            case NOWAIT -> "lock.nowait";
            case SKIP_LOCKED -> "lock.skip-locked";
        };
        String template = Objects.requireNonNull(sql(key));
        String seconds = (wait.timeout() != null) ? seconds(wait) : "";
        String statement = template.replace("{table}", row.table())
                .replace("{id}", row.idColumn())
                .replace("{seconds}", seconds);
        Boolean found = this.jdbcTemplate.query(statement, (ResultSetExtractor<Boolean>) ResultSet::next, row.id());
        return Boolean.TRUE.equals(found);
    }

    private String seconds(LockWait wait) {
        long millis = Objects.requireNonNull(wait.timeout()).toMillis();
        if ("mariadb".equals(platform()) || "mysql".equals(platform())) {
            return Long.toString(Math.max(1, (millis + 999) / 1000));
        }
        return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private @Nullable String sql(String key) {
        String specific = SQL.getProperty(platform() + "." + key);
        return (specific != null) ? specific : SQL.getProperty("default." + key);
    }

    private String platform() {
        String platform = this.platform;
        if (platform == null) {
            platform = detect(Objects.requireNonNull(this.jdbcTemplate.getDataSource()));
            this.platform = platform;
        }
        return platform;
    }

    private static String detect(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return DatabaseDriver.fromProductName(product).name().toLowerCase(Locale.ROOT);
        } catch (MetaDataAccessException ex) {
            throw new IllegalStateException("Cannot tell the database platform for row locks", ex);
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = JdbcRowLocker.class.getResourceAsStream("row-lock.properties")) {
            properties.load(Objects.requireNonNull(in, "row-lock.properties is missing"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }
}
