package dev.holdfast.lock.test.services;

import com.redis.testcontainers.RedisContainer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers for the services Holdfast's stores use, ready for Spring Boot's {@code @ServiceConnection}:
 *
 * <pre>{@code
 * @SpringBootTest
 * @Testcontainers
 * class BookingTests {
 *
 *     @Container
 *     @ServiceConnection
 *     static RedisContainer redis = HoldfastContainers.redis();
 *
 *     @Container
 *     @ServiceConnection
 *     static PostgreSQLContainer postgres = HoldfastContainers.postgres();
 * }
 * }</pre>
 *
 * <p>Boot then points {@code spring.data.redis.*} and {@code spring.datasource.*} at the containers, and Holdfast's
 * starter picks its store from them as in production. Without a Docker engine a container does not start: its
 * {@code start()} fails with a message that says what it would have started and how to run the tests against a local
 * service instead ({@link TestServices} finds one from the environment or on its default port).
 */
public final class HoldfastContainers {

    /** The Redis image: the Redis 7 that Holdfast is tested on. */
    public static final String REDIS_IMAGE = "redis:7-alpine";

    /** The PostgreSQL image: the PostgreSQL 15 that Holdfast is tested on. */
    public static final String POSTGRES_IMAGE = "postgres:15-alpine";

    private HoldfastContainers() {}

    /**
     * Return a Redis container (not started), for {@code @Container @ServiceConnection}.
     *
     * @return the container
     */
    public static RedisContainer redis() {
        return new CheckedRedisContainer();
    }

    /**
     * Return a PostgreSQL container (not started, database {@code test}), for {@code @Container @ServiceConnection}.
     *
     * @return the container
     */
    public static PostgreSQLContainer postgres() {
        return new CheckedPostgreSQLContainer();
    }

    /**
     * Return whether a Docker engine answers, so that containers can start.
     *
     * @return {@code true} when Testcontainers finds Docker
     */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    /**
     * Describe what a container would do and how to do without Docker: the message of a start without Docker.
     *
     * @param service the service, such as {@code Redis}
     * @param image the image
     * @param port the service's port in the container
     * @param properties the Spring Boot properties {@code @ServiceConnection} would set
     * @param variable the environment variable {@link TestServices} reads instead
     * @param localPort the default local port {@link TestServices} tries
     * @return the description
     */
    static String withoutDocker(
            String service, String image, int port, String properties, String variable, int localPort) {
        return "No Docker engine answers, so the " + service + " container cannot start. With Docker it would run "
                + image + " with port " + port + " mapped to a free local port, and @ServiceConnection would point "
                + properties + " at it. Without Docker, run " + service + " on localhost:" + localPort + " or set "
                + variable + ", and take the connection from TestServices (see the README's 'Testing your"
                + " application').";
    }

    /** Fails to start with a clear message when Docker is missing. */
    private static final class CheckedRedisContainer extends RedisContainer {

        CheckedRedisContainer() {
            super(DockerImageName.parse(REDIS_IMAGE));
        }

        @Override
        public void start() {
            if (!dockerAvailable()) {
                throw new IllegalStateException(withoutDocker(
                        "Redis", REDIS_IMAGE, 6379, "spring.data.redis.*", "HOLDFAST_TEST_REDIS_URL", 6379));
            }
            super.start();
        }
    }

    /** Fails to start with a clear message when Docker is missing. */
    private static final class CheckedPostgreSQLContainer extends PostgreSQLContainer {

        CheckedPostgreSQLContainer() {
            super(DockerImageName.parse(POSTGRES_IMAGE));
            withDatabaseName("test");
        }

        @Override
        public void start() {
            if (!dockerAvailable()) {
                throw new IllegalStateException(withoutDocker(
                        "PostgreSQL", POSTGRES_IMAGE, 5432, "spring.datasource.*", "HOLDFAST_TEST_POSTGRES_URL", 5432));
            }
            super.start();
        }
    }
}
