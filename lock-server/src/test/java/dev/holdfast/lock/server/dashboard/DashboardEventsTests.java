package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.server.dashboard.EventStream.Event;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "holdfast.server.dashboard.max-clients=2",
            "holdfast.server.users.viewer.password={noop}v",
            "holdfast.server.users.viewer.roles=READ",
            "holdfast.server.users.worker.password={noop}w",
            "holdfast.server.users.worker.roles=LOCK",
            "holdfast.server.users.worker.namespaces=*"
        })
class DashboardEventsTests {

    private static final Duration SOON = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    DashboardEvents events;

    RestClient worker;

    String lock;

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(10)).until(() -> events.connected() == 0);
        worker = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders((headers) -> headers.setBasicAuth("worker", "w"))
                .build();
        lock = "dashboard-events/" + UUID.randomUUID();
    }

    @Test
    void shouldSendSnapshotThenChangesAsTheyHappenThenTicks() throws Exception {
        try (EventStream stream = EventStream.connect(port, "viewer", "v")) {
            Map<String, Object> snapshot =
                    stream.next("snapshot", (data) -> true, SOON).data();
            assertThat(snapshot).containsEntry("store", "memory");
            assertThat(snapshot.get("viewer"))
                    .isEqualTo(Map.of("client", "viewer", "admin", false, "roles", List.of("READ")));
            assertThat(list(map(snapshot.get("state")), "seconds")).hasSize(ActivityWindow.SECONDS);

            Map<String, Object> grant = acquire("w1");

            Event acquired = stream.next("change", (data) -> rowOf(data) != null, SOON);
            assertThat(rowOf(acquired.data()))
                    .containsEntry("owner", "worker/w1")
                    .containsEntry("token", grant.get("token"))
                    .containsEntry("waiters", 0);
            assertThat(((Number) rowOf(acquired.data()).get("remainingMs")).longValue())
                    .isBetween(1L, 30_000L);

            worker.post()
                    .uri("/api/v1/locks/" + lock + "/release")
                    .body(Map.of("owner", "w1", "token", grant.get("token")))
                    .retrieve()
                    .toBodilessEntity();

            stream.next("change", (data) -> list(data, "gone").contains(lock), SOON);
            Event tick = stream.next("state", (data) -> grants(data) >= 1, Duration.ofSeconds(3));
            assertThat(list(tick.data(), "seconds")).hasSizeLessThanOrEqualTo(DashboardEvents.TICK_SECONDS);
            assertThat(list(tick.data(), "locks")).noneMatch((row) -> lock.equals(map(row).get("lock")));
        }
    }

    @Test
    void shouldRefuseStreamsBeyondTheLimitAndFreeTheSlotWhenOneDisconnects() throws Exception {
        try (EventStream first = EventStream.connect(port, "viewer", "v")) {
            first.next("snapshot", (data) -> true, SOON);
            try (EventStream second = EventStream.connect(port, "viewer", "v")) {
                second.next("snapshot", (data) -> true, SOON);

                HttpResponse<InputStream> third = EventStream.open(port, "viewer", "v");

                assertThat(third.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
                String body = new String(third.body().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(body)
                        .contains("https://holdfast.dev/problems/too-many-dashboards")
                        .contains("holdfast.server.dashboard.max-clients");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> events.connected() == 1);
            try (EventStream again = EventStream.connect(port, "viewer", "v")) {
                again.next("snapshot", (data) -> true, SOON);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> events.connected() == 0);
    }

    @Test
    void shouldEndEveryStreamWhenStoppingAndRefuseNewOnes() throws Exception {
        try (EventStream stream = EventStream.connect(port, "viewer", "v")) {
            stream.next("snapshot", (data) -> true, SOON);

            events.stop();
            try {
                assertThat(stream.ends(Duration.ofSeconds(5)))
                        .as("stream ended by the server")
                        .isTrue();
                assertThat(events.connected()).isZero();
                HttpResponse<InputStream> refused = EventStream.open(port, "viewer", "v");
                assertThat(refused.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
                assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8))
                        .contains("the server is stopping");
            } finally {
                events.start();
            }
        }
    }

    @Test
    void shouldRefuseTheStreamWithoutCredentialsOrWithoutTheReadRole() throws Exception {
        assertThat(EventStream.open(port, null, null).statusCode()).isEqualTo(401);
        assertThat(EventStream.open(port, "viewer", "wrong").statusCode()).isEqualTo(401);
        assertThat(EventStream.open(port, "worker", "w").statusCode()).isEqualTo(403);
        assertThat(events.connected()).isZero();
    }

    private Map<String, Object> acquire(String owner) {
        return worker.post()
                .uri("/api/v1/locks/" + lock + "/acquire")
                .body(Map.of("owner", owner, "leaseMs", 30_000))
                .retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private Map<String, Object> rowOf(Map<String, Object> change) {
        return list(change, "locks").stream()
                .map(DashboardEventsTests::map)
                .filter((row) -> lock.equals(row.get("lock")))
                .findFirst()
                .orElse(null);
    }

    private static long grants(Map<String, Object> state) {
        return list(state, "seconds").stream()
                .mapToLong((second) -> ((Number) map(second).get("grants")).longValue())
                .sum();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> map, String key) {
        return (List<Object>) map.get(key);
    }
}
