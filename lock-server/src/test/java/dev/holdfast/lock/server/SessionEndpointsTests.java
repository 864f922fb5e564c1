package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sessions over a real port. Session TTLs run on a {@link MonotonicClock} the tests move by hand, while the store's
 * leases run on real time: so "released at once" is told apart from "released when the lease ran out".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SessionEndpointsTests {

    static final AtomicLong NOW = new AtomicLong();

    @TestConfiguration
    static class ManualClock {

        @Bean
        MonotonicClock manualClock() {
            return NOW::get;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ServerActivity activity;

    ServerClient alice;

    ServerClient bob;

    String id;

    String lock;

    @BeforeEach
    void clients() {
        alice = ServerClient.basic(port, "alice", "a");
        bob = ServerClient.basic(port, "bob", "b");
        id = UUID.randomUUID().toString();
        lock = "/api/v1/locks/sessions/" + id;
    }

    private String open(ServerClient client, long ttlMs) {
        ResponseEntity<Map<String, Object>> opened = client.post("/api/v1/sessions", Map.of("ttlMs", ttlMs));
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(opened.getBody()).containsEntry("ttlMs", (int) ttlMs);
        return (String) opened.getBody().get("session");
    }

    private static void advance(Duration duration) {
        NOW.addAndGet(duration.toNanos());
    }

    private long remainingMs(String path) {
        Map<?, ?> holder = (Map<?, ?>) alice.get(path).getBody().get("holder");
        return ((Number) holder.get("remainingMs")).longValue();
    }

    @Test
    void shouldRenewEveryLockOfASessionWithOneKeepalive() {
        String session = open(alice, 60_000);
        String other = "/api/v1/locks/sessions/" + UUID.randomUUID();
        ResponseEntity<Map<String, Object>> grant =
                alice.post(lock + "/acquire", Map.of("owner", "w1", "session", session, "leaseMs", 5));
        assertThat(grant.getBody()).containsEntry("session", session).containsEntry("leaseMs", 60_000);
        alice.post(other + "/acquire", Map.of("owner", "w1", "session", session));
        await().atMost(Duration.ofSeconds(30)).until(() -> remainingMs(lock) < 59_000 && remainingMs(other) < 59_000);
        long before = Math.max(remainingMs(lock), remainingMs(other));
        advance(Duration.ofSeconds(50));

        ResponseEntity<Map<String, Object>> kept = alice.post("/api/v1/sessions/" + session + "/keepalive", null);

        assertThat(kept.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(kept.getBody()).containsEntry("holds", 2).containsEntry("session", session);
        assertThat(remainingMs(lock)).isGreaterThan(before);
        assertThat(remainingMs(other)).isGreaterThan(before);
        advance(Duration.ofSeconds(50));
        assertThat(alice.get("/api/v1/sessions/" + session).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldReleaseEverythingAtOnceWhenKeepalivesStop() throws Exception {
        String session = open(alice, 60_000);
        assertThat(alice.post(lock + "/acquire", Map.of("owner", "w1", "session", session))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 30_000)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> activity.waiters(dev.holdfast.lock.LockKey.of("sessions", id)) == 1);

        advance(Duration.ofSeconds(61));

        // Granted long before the store's 60 s lease could have run out: the server released it.
        ResponseEntity<Map<String, Object>> granted = waiting.get(30, TimeUnit.SECONDS);
        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(granted.getBody()).containsEntry("owner", "w2");
        assertThat(alice.post("/api/v1/sessions/" + session + "/keepalive", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldReleaseEverythingWhenTheSessionIsClosed() {
        String session = open(alice, 60_000);
        alice.post(lock + "/acquire", Map.of("owner", "w1", "session", session));

        assertThat(alice.call(HttpMethod.DELETE, "/api/v1/sessions/" + session, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(alice.get(lock).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(bob.post(lock + "/acquire", Map.of("owner", "w2")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldKeepALockUnavailableForItsLockDelayAfterTheSessionIsLost() throws Exception {
        String session = open(alice, 60_000);
        alice.post(lock + "/acquire", Map.of("owner", "w1", "session", session, "lockDelayMs", 1500));
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 30_000)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> activity.waiters(dev.holdfast.lock.LockKey.of("sessions", id)) == 1);
        long lost = System.nanoTime();

        advance(Duration.ofSeconds(61));

        ResponseEntity<Map<String, Object>> granted = waiting.get(30, TimeUnit.SECONDS);
        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((System.nanoTime() - lost) / 1_000_000).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void shouldHideOneClientsSessionFromAnother() {
        String session = open(alice, 30000);

        ResponseEntity<Map<String, Object>> refused =
                bob.post(lock + "/acquire", Map.of("owner", "w2", "session", session));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refused.getBody())
                .containsEntry("type", "https://holdfast.dev/problems/session-not-found")
                .containsEntry("session", session);
        assertThat(bob.post("/api/v1/sessions/" + session + "/keepalive", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
