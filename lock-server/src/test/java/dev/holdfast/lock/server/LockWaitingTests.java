package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LockWaitingTests {

    @LocalServerPort
    int port;

    @Autowired
    ServerActivity activity;

    @Autowired
    RequestMappingHandlerAdapter handlerAdapter;

    @Autowired
    LockServerProperties properties;

    ServerClient alice;

    ServerClient bob;

    String name;

    String lock;

    @BeforeEach
    void clients() {
        alice = ServerClient.basic(port, "alice", "a");
        bob = ServerClient.basic(port, "bob", "b");
        name = UUID.randomUUID().toString();
        lock = "/api/v1/locks/waiting/" + name;
    }

    @Test
    void shouldGrantWaitingClientOnReleaseWithinItsWait() throws Exception {
        Map<String, Object> first = alice.post(lock + "/acquire", Map.of("owner", "w1", "leaseMs", 30000))
                .getBody();
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 10000, "leaseMs", 30000)));
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> activity.waiters(dev.holdfast.lock.LockKey.of("waiting", name)) == 1);
        assertThat(waiting).isNotDone();
        List<ServerActivity.Activity> grants = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = activity.subscribe((event) -> {
            if (event.kind() == ServerActivity.Kind.GRANTED && "bob/w2".equals(event.owner())) {
                grants.add(event);
            }
        });
        long released = System.nanoTime();

        assertThat(alice.post(lock + "/release", Map.of("owner", "w1", "token", first.get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<Map<String, Object>> granted = waiting.get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !grants.isEmpty());
        assertThat(grants)
                .as("bob's grant is recorded as a hand-off, timed from alice's release")
                .singleElement()
                .satisfies((grant) -> assertThat(grant.handoff()).isNotNull());
        long handoffMillis = (System.nanoTime() - released) / 1_000_000;
        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(granted.getBody()).containsEntry("owner", "w2");
        assertThat(((Number) granted.getBody().get("token")).longValue())
                .isGreaterThan(((Number) first.get("token")).longValue());
        assertThat(handoffMillis).isLessThan(2000);
        assertThat(bob.get(lock).getBody().get("holder")).asString().contains("bob/w2");
        unsubscribe.run();
    }

    @Test
    void shouldKeepAWaitingRequestOpenLongerThanTheLongestWait() {
        Object timeout = ReflectionTestUtils.getField(handlerAdapter, "asyncRequestTimeout");
        assertThat(timeout)
                .as("async timeout of waiting requests, ms (the container's default is 30 s)")
                .isEqualTo(properties.getMaxWait().plusSeconds(30).toMillis());
    }

    @Test
    void shouldAnswerNotAcquiredWhenTheWaitRunsOut() {
        alice.post(lock + "/acquire", Map.of("owner", "w1", "leaseMs", 30000));
        long start = System.nanoTime();

        ResponseEntity<Map<String, Object>> refused = bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 300));

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("holder", "alice/w1");
        assertThat(refused.getBody().get("detail")).asString().contains("within 300 ms");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void shouldGrantWaiterWhenHolderLeaseRunsOut() {
        alice.post(lock + "/acquire", Map.of("owner", "w1", "leaseMs", 300));

        ResponseEntity<Map<String, Object>> granted =
                bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 5000));

        assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(granted.getBody()).containsEntry("owner", "w2");
    }

    @Test
    void shouldReturnTheSameGrantForARepeatedRequestId() {
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("owner", "w1", "requestId", requestId);

        ResponseEntity<Map<String, Object>> first = alice.post(lock + "/acquire", body);
        ResponseEntity<Map<String, Object>> retry = alice.post(lock + "/acquire", body);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody().get("token")).isEqualTo(first.getBody().get("token"));
        assertThat(retry.getBody().get("deadline")).isEqualTo(first.getBody().get("deadline"));
        // One hold only: a single release frees the lock.
        alice.post(
                lock + "/release",
                Map.of("owner", "w1", "token", first.getBody().get("token")));
        assertThat(alice.get(lock).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // Request ids are per client: the same id from another client is a new request, granted anew.
        assertThat(bob.post(lock + "/acquire", body).getBody().get("token"))
                .isNotEqualTo(first.getBody().get("token"));
    }

    @Test
    void shouldShareReadHoldsAndExcludeTheWriter() {
        ResponseEntity<Map<String, Object>> read1 =
                alice.post(lock + "/acquire", Map.of("owner", "r1", "mode", "read"));
        ResponseEntity<Map<String, Object>> read2 = bob.post(lock + "/acquire", Map.of("owner", "r2", "mode", "read"));
        assertThat(read1.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read2.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read1.getBody()).containsEntry("mode", "read");

        ResponseEntity<Map<String, Object>> write = bob.post(lock + "/acquire", Map.of("owner", "w", "mode", "write"));
        assertThat(write.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        alice.post(
                lock + "/release",
                Map.of("owner", "r1", "token", read1.getBody().get("token")));
        bob.post(
                lock + "/release",
                Map.of("owner", "r2", "token", read2.getBody().get("token")));
        ResponseEntity<Map<String, Object>> writer = bob.post(lock + "/acquire", Map.of("owner", "w", "mode", "write"));
        assertThat(writer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(writer.getBody()).containsEntry("mode", "write");
        assertThat(alice.post(lock + "/acquire", Map.of("owner", "r1", "mode", "read"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(bob.post(
                                lock + "/renew",
                                Map.of("owner", "w", "token", writer.getBody().get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldRefuseAnUnknownModeNamingTheLockAndTheValue() {
        ResponseEntity<Map<String, Object>> refused =
                alice.post(lock + "/acquire", Map.of("owner", "w1", "mode", "shared"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail"))
                .asString()
                .contains("waiting/" + name)
                .contains("[shared]");
    }
}
