package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The database of the {@code jdbc} suite, PostgreSQL (the default) or MariaDB (system property
 * {@code holdfast.database=mariadb}): a dedicated schema or database ({@value #SCHEMA}) holding Holdfast's lock table
 * and the peers' tables, and connection pools of one size for every contender.
 *
 * <p>System properties: {@code holdfast.benchmark.jdbc.url} (default: the local {@code test} database, on which the
 * schema is created), {@code holdfast.benchmark.jdbc.user} (default {@code postgres}, or {@code root} for MariaDB),
 * {@code holdfast.benchmark.jdbc.password}.
 */
public final class BenchmarkDatabase {

    /** The schema of every benchmark table, so that nothing collides with tests using the same database. */
    public static final String SCHEMA = "holdfast_bench";

    /** The pool size of every contender: the largest thread count of the suite. */
    static final int POOL_SIZE = 8;

    /** Whether the suite runs on MariaDB rather than PostgreSQL. */
    static final boolean MARIADB = "mariadb"
            .equals(System.getProperty("holdfast.database", "postgresql").toLowerCase(Locale.ROOT));

    private static final String URL = System.getProperty(
            "holdfast.benchmark.jdbc.url",
            MARIADB ? "jdbc:mariadb://localhost:3306/test" : "jdbc:postgresql://localhost:5432/test");

    private static final String USER =
            System.getProperty("holdfast.benchmark.jdbc.user", MARIADB ? "root" : "postgres");

    private static final String PASSWORD = System.getProperty("holdfast.benchmark.jdbc.password", "");

    private BenchmarkDatabase() {}

    /**
     * Return the database's name for the report.
     *
     * @return {@code MariaDB} or {@code PostgreSQL}
     */
    public static String name() {
        return MARIADB ? "MariaDB" : "PostgreSQL";
    }

    /**
     * Create the schema and every table the suite needs, if missing, and empty them.
     *
     * @throws SQLException when the database cannot be reached
     */
    public static void prepare() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            String platform;
            if (MARIADB) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
                statement.execute("USE " + SCHEMA);
                platform = "mysql";
            } else {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
                statement.execute("SET search_path TO " + SCHEMA);
                platform = "postgresql";
            }
            ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                    new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"),
                    new ClassPathResource("dev/holdfast/lock/benchmarks/jdbc/peers-" + platform + ".sql"));
            populator.populate(connection);
            for (String table : new String[] {"holdfast_lock", "shedlock", "INT_LOCK"}) {
                statement.execute("TRUNCATE TABLE " + table);
            }
        }
    }

    /**
     * Open a pool on the benchmark schema.
     *
     * @param name the pool name, naming the contender
     * @return the pool, filled to {@link #POOL_SIZE} connections
     */
    public static HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        if (MARIADB) {
            config.setJdbcUrl(URL.replaceFirst("/[^/?]*(\\?|$)", "/" + SCHEMA + "$1"));
        } else {
            config.setJdbcUrl(URL);
            config.setSchema(SCHEMA);
        }
        return new HikariDataSource(config);
    }
}
