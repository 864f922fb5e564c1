package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Stopping the server answers a waiting request 503 at once, instead of leaving it to the graceful-shutdown timeout. */
class GracefulShutdownTests {

    @Test
    void shouldAnswerWaitingRequestsWithServiceUnavailableWhenTheServerStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LockServerApplication.class)
                .profiles("test")
                .properties("server.port=0", "spring.lifecycle.timeout-per-shutdown-phase=20s")
                .run();
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        ServerActivity activity = context.getBean(ServerActivity.class);
        ServerClient alice = ServerClient.basic(port, "alice", "a");
        ServerClient bob = ServerClient.basic(port, "bob", "b");
        String lock = "/api/v1/locks/shutdown/held";
        assertThat(alice.post(lock + "/acquire", Map.of("owner", "w1", "leaseMs", 60000))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(
                () -> bob.post(lock + "/acquire", Map.of("owner", "w2", "waitMs", 60000)));
        await().atMost(Duration.ofSeconds(30)).until(() -> activity.waiters(LockKey.of("shutdown", "held")) == 1);
        long stopping = System.nanoTime();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);

        ResponseEntity<Map<String, Object>> answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody())
                .containsEntry("type", "https://holdfast.dev/problems/server-shutting-down")
                .containsEntry("lock", "shutdown/held");
        closed.get(30, TimeUnit.SECONDS);
        // Answered long before the 60 s wait or the 20 s shutdown-phase timeout would have ended it.
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
        assertThat(activity.total(ServerActivity.Kind.RELEASED)).isZero();
    }
}
