package dev.holdfast.lock.test.services;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds Redis, PostgreSQL and MariaDB for tests.
 *
 * <p>Each service is looked for in this order: an explicit URL from the environment ({@code HOLDFAST_TEST_REDIS_URL},
 * {@code HOLDFAST_TEST_POSTGRES_URL}, {@code HOLDFAST_TEST_MARIADB_URL}, with {@code _USER} and {@code _PASSWORD}
 * for the databases), else the service on its default localhost port, else a Testcontainers container when Docker is
 * present. When none is found the call fails with a message that says how to provide one: a test never skips
 * silently for want of a service. Results are cached for the life of the JVM; the class is thread-safe.
 */
public final class TestServices {

    private static final Map<String, Object> found = new ConcurrentHashMap<>();

    private TestServices() {}

    /**
     * Find a Redis server.
     *
     * @return where it listens
     * @throws IllegalStateException when no Redis can be found
     */
    public static RedisService redis() {
        return (RedisService) found.computeIfAbsent("redis", (name) -> findRedis());
    }

    /**
     * Find a PostgreSQL server with a database the tests may use.
     *
     * @return how to connect
     * @throws IllegalStateException when no PostgreSQL can be found
     */
    public static JdbcService postgres() {
        return (JdbcService) found.computeIfAbsent(
                "postgres",
                (name) -> findJdbc(
                        "POSTGRES",
                        5432,
                        () -> new JdbcService("jdbc:postgresql://localhost:5432/test", "postgres", ""),
                        () -> Containers.postgres()));
    }

    /**
     * Find a MariaDB (or MySQL) server with a database the tests may use.
     *
     * @return how to connect
     * @throws IllegalStateException when no MariaDB can be found
     */
    public static JdbcService mariadb() {
        return (JdbcService) found.computeIfAbsent(
                "mariadb",
                (name) -> findJdbc(
                        "MARIADB",
                        3306,
                        () -> new JdbcService("jdbc:mariadb://localhost:3306/test", "root", ""),
                        () -> Containers.mariadb()));
    }

    private static RedisService findRedis() {
        String url = System.getenv("HOLDFAST_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            return new RedisService(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379);
        }
        if (listening(6379)) {
            return new RedisService("localhost", 6379);
        }
        if (Containers.dockerAvailable()) {
            return Containers.redis();
        }
        throw notFound("Redis", "HOLDFAST_TEST_REDIS_URL=redis://host:6379", 6379);
    }

    private static JdbcService findJdbc(
            String name, int port, Supplier<JdbcService> local, Supplier<JdbcService> container) {
        String url = System.getenv("HOLDFAST_TEST_" + name + "_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("HOLDFAST_TEST_" + name + "_USER", "");
            String password = System.getenv().getOrDefault("HOLDFAST_TEST_" + name + "_PASSWORD", "");
            return new JdbcService(url.trim(), user, password);
        }
        if (listening(port)) {
            return local.get();
        }
        if (Containers.dockerAvailable()) {
            return container.get();
        }
        throw notFound(name.charAt(0) + name.substring(1).toLowerCase(), "HOLDFAST_TEST_" + name + "_URL", port);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static IllegalStateException notFound(String service, String variable, int port) {
        return new IllegalStateException("No " + service + " for the tests: set " + variable
                + " (see TestServices), start " + service + " on localhost:" + port
                + ", or install Docker so that Testcontainers can start one");
    }
}
