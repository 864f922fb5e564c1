package dev.holdfast.lock.test.services;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

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
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException ex) {
            return false;
        }
    }

    static RedisService redis() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
        return new RedisService(redis.getHost(), redis.getMappedPort(6379));
    }

    static JdbcService postgres() {
        GenericContainer<?> postgres = new GenericContainer<>("postgres:15-alpine")
                .withEnv("POSTGRES_DB", "test")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*ready to accept connections.*\\n", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        postgres.start();
        return new JdbcService(
                "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/test",
                "postgres",
                "");
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
