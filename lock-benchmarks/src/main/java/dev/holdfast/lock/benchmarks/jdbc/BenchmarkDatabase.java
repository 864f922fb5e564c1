package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The PostgreSQL database of the {@code jdbc} suite: a dedicated schema ({@value #SCHEMA}) holding Holdfast's lock
 * table and the peers' tables, and connection pools of one size for every contender.
 *
 * <p>System properties: {@code holdfast.benchmark.jdbc.url} (default: the local {@code test} database),
 * {@code holdfast.benchmark.jdbc.user} (default {@code postgres}), {@code holdfast.benchmark.jdbc.password}.
 */
public final class BenchmarkDatabase {

    /** The schema of every benchmark table, so that nothing collides with tests using the same database. */
    public static final String SCHEMA = "holdfast_bench";

    /** The pool size of every contender: the largest thread count of the suite. */
    static final int POOL_SIZE = 8;

    private static final String URL =
            System.getProperty("holdfast.benchmark.jdbc.url", "jdbc:postgresql://localhost:5432/test");

    private static final String USER = System.getProperty("holdfast.benchmark.jdbc.user", "postgres");

    private static final String PASSWORD = System.getProperty("holdfast.benchmark.jdbc.password", "");

    private BenchmarkDatabase() {}

    /**
     * Create the schema and every table the suite needs, if missing, and empty them.
     *
     * @throws SQLException when the database cannot be reached
     */
    public static void prepare() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                    new ClassPathResource("dev/holdfast/lock/jpa/schema-postgresql.sql"),
                    new ClassPathResource("dev/holdfast/lock/benchmarks/jdbc/peers-postgresql.sql"));
            populator.populate(connection);
            statement.execute("TRUNCATE holdfast_lock, shedlock, int_lock");
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
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setSchema(SCHEMA);
        return new HikariDataSource(config);
    }
}
