package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockException;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** The databases the lock tables support, each with the name its SQL resources use. */
public enum DatabasePlatform {

    /** PostgreSQL: {@code TIMESTAMP WITH TIME ZONE} columns, compared with {@code CURRENT_TIMESTAMP}. */
    POSTGRESQL("postgresql"),

    /** MySQL and MariaDB: {@code DATETIME(6)} columns in UTC, compared with {@code UTC_TIMESTAMP(6)}. */
    MYSQL("mysql"),

    /** H2: {@code TIMESTAMP WITH TIME ZONE} columns, compared with {@code CURRENT_TIMESTAMP}. */
    H2("h2");

    private final String id;

    DatabasePlatform(String id) {
        this.id = id;
    }

    /**
     * Return the name used in resource names such as {@code schema-postgresql.sql}.
     *
     * @return the name
     */
    public String id() {
        return this.id;
    }

    /**
     * Find the platform of a data source from its product name.
     *
     * @param dataSource the data source
     * @return the platform
     * @throws LockException when the database is not one of those supported or cannot be reached
     */
    public static DatabasePlatform of(DataSource dataSource) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException ex) {
            throw new LockException("Database platform of the lock table could not be determined", ex);
        }
        return ofProductName(product);
    }

    /**
     * Find the platform from a JDBC product name.
     *
     * @param product the name, such as {@code PostgreSQL} or {@code MariaDB}
     * @return the platform
     * @throws LockException when the database is not one of those supported
     */
    public static DatabasePlatform ofProductName(@Nullable String product) {
        String name = (product != null) ? product.toLowerCase(Locale.ROOT) : "";
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new LockException("Database [" + product + "] is not supported for the lock table: use PostgreSQL,"
                + " MySQL, MariaDB or H2");
    }

    /**
     * Read a timestamp column written from the database clock.
     *
     * @param rs the result set, on a row
     * @param column the column label
     * @return the instant, or {@code null} for SQL {@code NULL}
     * @throws SQLException when the column cannot be read
     */
    public @Nullable Instant readInstant(ResultSet rs, String column) throws SQLException {
        if (this == MYSQL) {
            LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
            return (utc != null) ? utc.toInstant(ZoneOffset.UTC) : null;
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }
}
