package dev.holdfast.lock.benchmarks.scale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * PostgreSQL: a database of its own ({@value #DATABASE}) on the server of {@code holdfast.benchmark.jdbc.url} (default
 * the local one), so that {@code pg_stat_database} counts this suite's transactions only while other builds use the
 * server. Store CPU is the user and system time of the server backends connected to that database, read from
 * {@code /proc/<pid>/stat} (the server runs on this machine).
 */
final class PostgresTarget implements Target {

    static final String DATABASE = "holdfast_scale";

    /** Connections of one pool: as the {@code jdbc} suite's contenders have. */
    static final int POOL_SIZE = 8;

    private static final String SERVER =
            System.getProperty("holdfast.benchmark.jdbc.url", "jdbc:postgresql://localhost:5432/test");

    private static final String USER = System.getProperty("holdfast.benchmark.jdbc.user", "postgres");

    private static final String PASSWORD = System.getProperty("holdfast.benchmark.jdbc.password", "");

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private final String url;

    private final Connection probe;

    /** Reads the server-wide statistics from another database, so that its queries are not counted as the suite's. */
    private final Connection stats;

    private final String probePid;

    private final Map<Integer, Long> backendTicks = new HashMap<>();

    private long cpuTicks;

    PostgresTarget() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = admin.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        this.url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + DATABASE;
        this.probe = DriverManager.getConnection(url, USER, PASSWORD);
        this.stats = DriverManager.getConnection(SERVER, USER, PASSWORD);
        this.probePid = text("SELECT pg_backend_pid()");
        new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-postgresql.sql"))
                .populate(probe);
    }

    @Override
    public String label() {
        return "PostgreSQL";
    }

    @Override
    public Opened open(String client, Duration freeRowRetention) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(client);
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.addDataSourceProperty("ApplicationName", client);
        HikariDataSource pool = new HikariDataSource(config);
        return new Opened(new JdbcLockStore(pool, true, freeRowRetention), pool::close);
    }

    /** The server, as {@code SHOW server_version} names it. */
    @Override
    public String server() {
        return "PostgreSQL " + text("SHOW server_version");
    }

    @Override
    public synchronized long cpuMicros() {
        Map<Integer, Long> now = new HashMap<>();
        for (String pid : texts(
                stats,
                "SELECT pid FROM pg_stat_activity WHERE datname = '" + DATABASE
                        + "' AND backend_type = 'client backend' AND pid <> " + probePid)) {
            long ticks = ticks(Integer.parseInt(pid));
            if (ticks >= 0) {
                now.put(Integer.parseInt(pid), ticks);
            }
        }
        // Count what each backend used since it was last seen; one gone since then takes its last reading with it.
        now.forEach((pid, ticks) -> cpuTicks += ticks - backendTicks.getOrDefault(pid, 0L));
        backendTicks.clear();
        backendTicks.putAll(now);
        return cpuTicks * 1_000_000 / TICKS_PER_SECOND;
    }

    private static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3, utime field 14 and stime field 15 of the whole line.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    @Override
    public long roundTrips() {
        return Long.parseLong(statText(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '" + DATABASE + "'"));
    }

    @Override
    public int connections(String client) {
        return Integer.parseInt(statText("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + DATABASE
                + "' AND application_name = '" + client + "'"));
    }

    @Override
    public int subscriptions(String client) {
        return Integer.parseInt(statText("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + DATABASE
                + "' AND application_name = '" + client + "' AND (query LIKE 'LISTEN %' OR query = 'SELECT 1')"));
    }

    @Override
    public long stateCount() {
        return Long.parseLong(text("SELECT count(*) FROM holdfast_lock"));
    }

    @Override
    public long stateBytes() {
        return Long.parseLong(text("SELECT pg_total_relation_size('holdfast_lock')"));
    }

    @Override
    public void clear() {
        texts(probe, "TRUNCATE holdfast_lock");
    }

    private String text(String sql) {
        return texts(probe, sql).get(0);
    }

    private String statText(String sql) {
        return texts(stats, sql).get(0);
    }

    private java.util.List<String> texts(Connection connection, String sql) {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (statement.execute()) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            } else {
                values.add("");
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Probe query failed on database " + DATABASE + ": " + sql, ex);
        }
        return values;
    }

    @Override
    public void close() {
        try {
            probe.close();
            stats.close();
        } catch (SQLException ex) {
            // closing
        }
    }
}
