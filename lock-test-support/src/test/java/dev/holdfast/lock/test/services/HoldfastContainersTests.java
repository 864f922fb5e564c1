package dev.holdfast.lock.test.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.redis.testcontainers.RedisContainer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The containers users put behind {@code @ServiceConnection}: the images Holdfast is tested on, and, where no Docker
 * engine runs (as on this project's CI), a start that fails saying what it would have done and what to do instead.
 */
class HoldfastContainersTests {

    @Test
    void shouldOfferTheRedisHoldfastIsTestedOnToServiceConnection() {
        RedisContainer redis = HoldfastContainers.redis();
        assertThat(redis.getExposedPorts()).contains(6379);
        if (HoldfastContainers.dockerAvailable()) {
            try (RedisContainer started = redis) {
                started.start();
                RedisClient client =
                        RedisClient.create(RedisURI.create(started.getRedisHost(), started.getRedisPort()));
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    assertThat(connection.sync().ping()).isEqualTo("PONG");
                } finally {
                    client.shutdown();
                }
            }
        } else {
            assertThatIllegalStateException()
                    .isThrownBy(redis::start)
                    .withMessageContaining("No Docker engine answers")
                    .withMessageContaining(HoldfastContainers.REDIS_IMAGE)
                    .withMessageContaining("spring.data.redis.*")
                    .withMessageContaining("localhost:6379")
                    .withMessageContaining("HOLDFAST_TEST_REDIS_URL");
        }
    }

    @Test
    void shouldOfferThePostgresHoldfastIsTestedOnToServiceConnection() throws Exception {
        PostgreSQLContainer postgres = HoldfastContainers.postgres();
        assertThat(postgres.getDatabaseName()).isEqualTo("test");
        assertThat(postgres.getExposedPorts()).contains(5432);
        if (HoldfastContainers.dockerAvailable()) {
            try (PostgreSQLContainer started = postgres) {
                started.start();
                try (Connection connection = DriverManager.getConnection(
                        started.getJdbcUrl(), started.getUsername(), started.getPassword())) {
                    assertThat(connection.isValid(5)).isTrue();
                }
            }
        } else {
            assertThatIllegalStateException()
                    .isThrownBy(postgres::start)
                    .withMessageContaining("No Docker engine answers")
                    .withMessageContaining(HoldfastContainers.POSTGRES_IMAGE)
                    .withMessageContaining("spring.datasource.*")
                    .withMessageContaining("HOLDFAST_TEST_POSTGRES_URL");
        }
    }
}
