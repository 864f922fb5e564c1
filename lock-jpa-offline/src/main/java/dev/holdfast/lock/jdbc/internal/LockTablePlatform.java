package dev.holdfast.lock.jdbc.internal;

import dev.holdfast.lock.LockException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The databases that hold Holdfast's lock tables, each with the name its SQL resources use ({@code schema-mysql.sql},
 * {@code lock-store-postgresql.sql}). Internal: see the package documentation.
 */
public enum LockTablePlatform {

    /** PostgreSQL: {@code TIMESTAMP WITH TIME ZONE} columns, compared with {@code CURRENT_TIMESTAMP}. */
    POSTGRESQL("postgresql"),

    /** MySQL and MariaDB: {@code DATETIME(6)} columns in UTC, compared with {@code UTC_TIMESTAMP(6)}. */
    MYSQL("mysql"),

    /** H2: {@code TIMESTAMP WITH TIME ZONE} columns, compared with {@code CURRENT_TIMESTAMP}. */
    H2("h2");

    private final String id;

    LockTablePlatform(String id) {
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
     * Return the lock table platform of a database.
     *
     * @param database the database
     * @return the platform
     * @throws LockException when the database cannot hold the lock tables
     */
    public static LockTablePlatform of(Database database) {
        return switch (database.driver()) {
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL, MARIADB -> MYSQL;
            case H2 -> H2;
            default ->
                throw new LockException("Database [" + database
                        + "] is not supported for the lock table: use PostgreSQL, MySQL, MariaDB or H2");
        };
    }

    /**
     * Load this platform's statements of a family: {@code <prefix>-<platform>.sql}.
     *
     * @param prefix the class path resource's path without the platform suffix, such as
     *     {@code dev/holdfast/lock/jdbc/lock-store}
     * @return the statements
     */
    public SqlStatements statements(String prefix) {
        return SqlStatements.load(prefix + "-" + this.id + ".sql");
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
