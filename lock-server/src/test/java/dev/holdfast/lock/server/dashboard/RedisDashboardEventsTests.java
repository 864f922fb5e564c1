package dev.holdfast.lock.server.dashboard;

import static dev.holdfast.lock.server.dashboard.DashboardEventsTests.list;
import static dev.holdfast.lock.server.dashboard.DashboardEventsTests.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard's stream over the shared Redis store: what it lists is what Redis holds. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "holdfast.store=redis",
            "holdfast.server.users.viewer.password={noop}v",
            "holdfast.server.users.viewer.roles=READ",
            "holdfast.server.users.worker.password={noop}w",
            "holdfast.server.users.worker.roles=LOCK",
            "holdfast.server.users.worker.namespaces=*"
        })
class RedisDashboardEventsTests {

    private static final String PREFIX = "holdfast-dashboard-test-" + UUID.randomUUID() + ":";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisService redis = TestServices.redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("holdfast.redis.key-prefix", () -> PREFIX);
    }

    @Test
    void shouldListWhatRedisHoldsAndFollowItsChanges() throws Exception {
        ApiClient worker = new ApiClient(port, "worker", "w");
        String lock = "dashboard-redis/" + UUID.randomUUID();
        try (EventStream stream = EventStream.connect(port, "viewer", "v")) {
            assertThat(stream.next("snapshot", (data) -> true, Duration.ofSeconds(5))
                            .data())
                    .containsEntry("store", "redis");

            Map<String, Object> grant = worker.acquire(lock, "w1", 20_000, 0).getBody();

            stream.next(
                    "change", (data) -> hasRow(list(data, "locks"), lock, grant.get("token")), Duration.ofSeconds(2));
            stream.next(
                    "state", (data) -> hasRow(list(data, "locks"), lock, grant.get("token")), Duration.ofSeconds(3));

            worker.release(lock, "w1", grant.get("token"));

            stream.next("change", (data) -> list(data, "gone").contains(lock), Duration.ofSeconds(2));
            stream.next(
                    "state", (data) -> !hasRow(list(data, "locks"), lock, grant.get("token")), Duration.ofSeconds(3));
        }
    }

    private static boolean hasRow(java.util.List<Object> rows, String lock, Object token) {
        return rows.stream()
                .map(DashboardEventsTests::map)
                .anyMatch((row) -> lock.equals(row.get("lock"))
                        && "worker/w1".equals(row.get("owner"))
                        && token.equals(map(row).get("token")));
    }
}
