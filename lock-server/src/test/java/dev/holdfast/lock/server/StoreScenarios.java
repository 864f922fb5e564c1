package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
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
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The paths every store must serve through the server, run once per store by its subclasses: hand-off to a waiting
 * client, permits handed to a waiter, an idempotent retry, and a session whose keepalives stop. Every test uses its
 * own namespace, so runs of other suites on the shared Redis and PostgreSQL cannot collide.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(StoreScenarios.ManualClock.class)
abstract class StoreScenarios {

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

    String namespace;

    @BeforeEach
    void clients() {
        alice = ServerClient.basic(port, "alice", "a");
        bob = ServerClient.basic(port, "bob", "b");
        namespace = "srv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void awaitWaiter(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> activity.waiters(LockKey.of(namespace, id)) == 1);
    }

    @Test
    void shouldHandTheLockToTheWaitingClientOnRelease() throws Exception {
        String lock = "/api/v1/locks/" + namespace + "/handoff";
        Map<String, Object> first =
                alice.post(lock + "/acquire", Map.of("owner", "w1")).getBody();
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 20000)));
        awaitWaiter("handoff");

        alice.post(lock + "/release", Map.of("owner", "w1", "token", first.get("token")));

        ResponseEntity<Map<String, Object>> granted = waiting.get(30, TimeUnit.SECONDS);
        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) granted.getBody().get("token")).longValue())
                .isGreaterThan(((Number) first.get("token")).longValue());
        assertThat(alice.get(lock).getBody().get("holder")).asString().contains("bob/w2");
    }

    @Test
    void shouldHandPermitsToTheWaitingClientOnRelease() throws Exception {
        String semaphore = "/api/v1/semaphores/" + namespace + "/pool";
        ServerClient.basic(port, "admin", "x").call(HttpMethod.PUT, semaphore, Map.of("permits", 1));
        Map<String, Object> first =
                alice.post(semaphore + "/acquire", Map.of("owner", "w1")).getBody();
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(semaphore + "/acquire", Map.of("owner", "w2", "waitMs", 20000)));
        awaitWaiter("pool");

        alice.post(semaphore + "/release", Map.of("owner", "w1", "token", first.get("token")));

        assertThat(waiting.get(30, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldAnswerARetriedRequestWithTheSameGrant() {
        String lock = "/api/v1/locks/" + namespace + "/retry";
        Map<String, Object> body =
                Map.of("owner", "w1", "requestId", UUID.randomUUID().toString());

        Object token = alice.post(lock + "/acquire", body).getBody().get("token");

        assertThat(alice.post(lock + "/acquire", body).getBody()).containsEntry("token", token);
        assertThat(bob.post(lock + "/acquire", Map.of("owner", "w2")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void shouldReleaseASessionsLocksAtOnceWhenItsKeepalivesStop() throws Exception {
        String lock = "/api/v1/locks/" + namespace + "/session";
        String session = (String) alice.post("/api/v1/sessions", Map.of("ttlMs", 60_000))
                .getBody()
                .get("session");
        assertThat(alice.post(lock + "/acquire", Map.of("owner", "w1", "session", session))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 30000)));
        awaitWaiter("session");

        NOW.addAndGet(Duration.ofSeconds(61).toNanos());

        // The store's lease is 60 s: a grant within the 30 s wait means the server released the lock.
        assertThat(waiting.get(40, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
