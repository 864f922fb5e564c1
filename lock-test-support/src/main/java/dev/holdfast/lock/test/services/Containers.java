package dev.holdfast.lock.test.services;

import com.redis.testcontainers.RedisContainer;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers fallbacks, touched only when Testcontainers is on the class path and Docker answers.
 */
final class Containers {

    private Containers() {}

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, Containers.class.getClassLoader());
        } catch (ClassNotFoundException ex) {
            return false;
        }
        return HoldfastContainers.dockerAvailable();
    }

    static RedisService redis() {
        RedisContainer redis = HoldfastContainers.redis();
        redis.start();
        return new RedisService(redis.getRedisHost(), redis.getRedisPort());
    }

    static JdbcService postgres() {
        PostgreSQLContainer postgres = HoldfastContainers.postgres();
        postgres.start();
        return new JdbcService(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    static JdbcService mariadb() {
        GenericContainer<?> mariadb = new GenericContainer<>("mariadb:10.11")
                .withEnv("MARIADB_DATABASE", "test")
                .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
                .withExposedPorts(3306)
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
        mariadb.start();
        return new JdbcService(
                "jdbc:mariadb://" + mariadb.getHost() + ":" + mariadb.getMappedPort(3306) + "/test", "root", "");
    }
}
