package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SemaphoreEndpointsTests {

    @LocalServerPort
    int port;

    ServerClient alice;

    ServerClient bob;

    ServerClient admin;

    String semaphore;

    @BeforeEach
    void clients() {
        alice = ServerClient.basic(port, "alice", "a");
        bob = ServerClient.basic(port, "bob", "b");
        admin = ServerClient.basic(port, "admin", "x");
        semaphore = "/api/v1/semaphores/pool/" + UUID.randomUUID();
    }

    @Test
    void shouldGrantPermitsUpToTheSizeAndHandTheRestToAWaiter() throws Exception {
        ResponseEntity<Map<String, Object>> created = admin.call(HttpMethod.PUT, semaphore, Map.of("permits", 3));
        assertThat(created.getBody()).containsEntry("permits", 3).containsEntry("inUse", 0);

        ResponseEntity<Map<String, Object>> two =
                alice.post(semaphore + "/acquire", Map.of("owner", "a", "permits", 2));
        assertThat(two.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(two.getBody()).containsEntry("permits", 2);
        ResponseEntity<Map<String, Object>> refused =
                bob.post(semaphore + "/acquire", Map.of("owner", "b", "permits", 2));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("type", "https://holdfast.dev/problems/permits-not-acquired");

        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(semaphore + "/acquire", Map.of("owner", "b", "permits", 2, "waitMs", 10000)));
        assertThat(alice.post(
                                semaphore + "/release",
                                Map.of("owner", "a", "token", two.getBody().get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<Map<String, Object>> granted = waiting.get(5, TimeUnit.SECONDS);
        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);

        Map<String, Object> state = alice.get(semaphore).getBody();
        assertThat(state).containsEntry("inUse", 2);
        assertThat((List<?>) state.get("holders")).hasSize(1);
    }

    @Test
    void shouldResizeRefuseDeleteWhileInUseAndDeleteWhenFree() {
        admin.call(HttpMethod.PUT, semaphore, Map.of("permits", 1));
        assertThat(admin.call(HttpMethod.PUT, semaphore, Map.of("permits", 4)).getBody())
                .containsEntry("permits", 4);
        Map<String, Object> grant =
                alice.post(semaphore + "/acquire", Map.of("owner", "a")).getBody();

        ResponseEntity<Map<String, Object>> inUse = admin.call(HttpMethod.DELETE, semaphore, null);
        assertThat(inUse.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(inUse.getBody()).containsEntry("type", "https://holdfast.dev/problems/semaphore-in-use");

        assertThat(alice.post(semaphore + "/renew", Map.of("owner", "a", "token", grant.get("token"), "leaseMs", 9000))
                        .getBody())
                .containsEntry("leaseMs", 9000)
                .containsEntry("permits", 1);
        alice.post(semaphore + "/release", Map.of("owner", "a", "token", grant.get("token")));
        assertThat(admin.call(HttpMethod.DELETE, semaphore, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(alice.get(semaphore).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldAnswerNotFoundForPermitsOfASemaphoreNeverCreated() {
        ResponseEntity<Map<String, Object>> missing = alice.post(semaphore + "/acquire", Map.of("owner", "a"));

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "https://holdfast.dev/problems/semaphore-not-found");
    }

    @Test
    void shouldRefuseSemaphoreAdministrationToALocker() {
        assertThat(alice.call(HttpMethod.PUT, semaphore, Map.of("permits", 2)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
