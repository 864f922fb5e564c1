package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LockEndpointsTests {

    @LocalServerPort
    int port;

    ServerClient alice;

    ServerClient bob;

    String lock;

    @BeforeEach
    void clients() {
        alice = ServerClient.basic(port, "alice", "a");
        bob = ServerClient.basic(port, "bob", "b");
        lock = "/api/v1/locks/endpoints/" + UUID.randomUUID();
    }

    @Test
    void shouldGrantReleaseAndGrantAgainWithGreaterToken() {
        ResponseEntity<Map<String, Object>> first =
                alice.post(lock + "/acquire", Map.of("owner", "w1", "leaseMs", 5000));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> grant = first.getBody();
        assertThat(grant)
                .containsEntry("owner", "w1")
                .containsEntry("leaseMs", 5000)
                .containsEntry("mode", "exclusive");
        long token = ((Number) grant.get("token")).longValue();
        long remaining = ((Number) grant.get("remainingMs")).longValue();
        assertThat(remaining).isBetween(1L, 5000L);
        assertThat(((Number) grant.get("deadline")).longValue())
                .isBetween(System.currentTimeMillis(), System.currentTimeMillis() + 5000);

        assertThat(alice.get(lock).getBody())
                .extractingByKey("holder")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("owner", "alice/w1");

        assertThat(alice.post(lock + "/release", Map.of("owner", "w1", "token", token))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(alice.get(lock).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map<String, Object>> second = bob.post(lock + "/acquire", Map.of("owner", "w1"));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) second.getBody().get("token")).longValue()).isGreaterThan(token);
    }

    @Test
    void shouldRefuseSecondClientWithProblemNamingTheHolder() {
        assertThat(alice.post(lock + "/acquire", Map.of("owner", "w1")).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<Map<String, Object>> refused = bob.post(lock + "/acquire", Map.of("owner", "w1"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody())
                .containsEntry("type", "https://holdfast.dev/problems/lock-not-acquired")
                .containsEntry("holder", "alice/w1")
                .containsEntry("lock", lock.substring("/api/v1/locks/".length()));
    }

    @Test
    void shouldRefuseReleaseOfAnotherClientsLock() {
        Map<String, Object> grant =
                alice.post(lock + "/acquire", Map.of("owner", "w1")).getBody();

        ResponseEntity<Map<String, Object>> release =
                bob.post(lock + "/release", Map.of("owner", "w1", "token", grant.get("token")));

        assertThat(release.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(release.getBody()).containsEntry("type", "https://holdfast.dev/problems/lock-not-held");
        assertThat(alice.get(lock).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldRefuseWithoutCredentials() {
        ServerClient anonymous = ServerClient.basic(port, null, null);
        assertThat(anonymous.post(lock + "/acquire", Map.of("owner", "w1")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(alice.get(lock).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
