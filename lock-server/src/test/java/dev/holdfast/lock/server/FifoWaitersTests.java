package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Waiters of equal priority on one server instance are served in arrival order: each release hands the lock to the
 * longest waiting request (the store's waiter registry wakes one waiter, the oldest), never to a later one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FifoWaitersTests {

    @LocalServerPort
    int port;

    @Autowired
    ServerActivity activity;

    @Test
    void shouldGrantWaitersOfEqualPriorityInArrivalOrder() throws Exception {
        String id = UUID.randomUUID().toString();
        String lock = "/api/v1/locks/fifo/" + id;
        LockKey key = LockKey.of("fifo", id);
        ServerClient alice = ServerClient.basic(port, "alice", "a");
        Map<String, Object> held = alice.post(lock + "/acquire", Map.of("owner", "holder", "leaseMs", 60000))
                .getBody();
        List<CompletableFuture<ResponseEntity<Map<String, Object>>>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String owner = "waiter-" + i;
            waiters.add(CompletableFuture.supplyAsync(
                    () -> alice.post(lock + "/acquire", Map.of("owner", owner, "waitMs", 60000, "leaseMs", 60000))));
            int arrived = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> activity.waiters(key) == arrived);
        }

        Object owner = "holder";
        Object token = held.get("token");
        for (int i = 0; i < 4; i++) {
            assertThat(alice.post(lock + "/release", Map.of("owner", owner, "token", token))
                            .getStatusCode())
                    .isEqualTo(HttpStatus.NO_CONTENT);
            ResponseEntity<Map<String, Object>> granted = waiters.get(i).get(30, TimeUnit.SECONDS);
            assertThat(granted.getBody()).as("grant %d", i).containsEntry("owner", "waiter-" + i);
            for (int later = i + 1; later < 4; later++) {
                assertThat(waiters.get(later))
                        .as("waiter %d after grant %d", later, i)
                        .isNotDone();
            }
            owner = granted.getBody().get("owner");
            token = granted.getBody().get("token");
        }
    }
}
