package dev.holdfast.lock.fault;

import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database of this test JVM's own on the shared PostgreSQL and MariaDB ({@code hf_fault_<epoch seconds>_<random>}),
 * so that the lock table is the one this build's schema script creates, whatever shape the shared {@code test}
 * database's table has, and no other run's locks or notifications reach the suite. Dropped when the JVM exits;
 * databases of runs that died are dropped by the next run once they are a day old.
 */
final class FaultDatabases {

    private static final String PREFIX = "hf_fault_";

    private static final Duration STALE = Duration.ofDays(1);

    private static final Map<StoreKind, JdbcService> databases = new ConcurrentHashMap<>();

    private FaultDatabases() {}

    /**
     * Return this JVM's database on a shared service, created on first use.
     *
     * @param kind {@link StoreKind#POSTGRES} or {@link StoreKind#MARIADB}
     * @return how to connect to it
     */
    static JdbcService of(StoreKind kind) {
        return databases.computeIfAbsent(kind, FaultDatabases::create);
    }

    private static JdbcService create(StoreKind kind) {
        JdbcService shared = (kind == StoreKind.POSTGRES) ? TestServices.postgres() : TestServices.mariadb();
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = connect(shared);
                Statement statement = connection.createStatement()) {
            for (String stale : stale(kind, statement)) {
                statement.execute(drop(kind, stale));
            }
            statement.execute("CREATE DATABASE " + name
                    + ((kind == StoreKind.MARIADB) ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : ""));
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "Could not create the fault suite's database " + name + " on " + kind + " at " + shared.url()
                            + " (the suite needs a user that may create databases)",
                    ex);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(kind, shared, name), "drop-" + name));
        return new JdbcService(withDatabase(shared.url(), name), shared.username(), shared.password());
    }

    private static List<String> stale(StoreKind kind, Statement statement) throws SQLException {
        List<String> stale = new ArrayList<>();
        String query = (kind == StoreKind.POSTGRES)
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'hf\\_fault\\_%'"
                : "SHOW DATABASES LIKE 'hf\\_fault\\_%'";
        long oldest = Instant.now().minus(STALE).getEpochSecond();
        try (ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < oldest) {
                    stale.add(name);
                }
            }
        }
        return stale;
    }

    private static String drop(StoreKind kind, String name) {
        return "DROP DATABASE IF EXISTS " + name + ((kind == StoreKind.POSTGRES) ? " WITH (FORCE)" : "");
    }

    private static void dropQuietly(StoreKind kind, JdbcService shared, String name) {
        try (Connection connection = connect(shared);
                Statement statement = connection.createStatement()) {
            statement.execute(drop(kind, name));
        } catch (SQLException ex) {
            System.err.println("Could not drop the fault suite's database " + name + ": " + ex);
        }
    }

    private static Connection connect(JdbcService service) throws SQLException {
        return DriverManager.getConnection(service.url(), service.username(), service.password());
    }

    /** Return a JDBC URL with another database name: the last path segment before any parameters. */
    static String withDatabase(String url, String database) {
        int query = indexOrEnd(url, '?', url.indexOf("//") + 2);
        int slash = url.lastIndexOf('/', query - 1);
        if (slash < url.indexOf("//") + 2) {
            return url.substring(0, query) + "/" + database + url.substring(query);
        }
        return url.substring(0, slash + 1) + database + url.substring(query);
    }

    private static int indexOrEnd(String text, char c, int from) {
        int index = text.indexOf(c, from);
        return (index < 0) ? text.length() : index;
    }
}
