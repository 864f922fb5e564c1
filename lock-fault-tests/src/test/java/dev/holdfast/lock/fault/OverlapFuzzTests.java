package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Overlap fuzz across client JVMs: three clients, each a JVM of its own with its own template and connections, loop
 * acquire, enter the fenced register, hold, leave, release on two keys of one store. The verdict is the register's:
 * no entry while another owner was inside, and every entry's token above every token seen for its key.
 */
class OverlapFuzzTests {

    private static final int CLIENTS = 3;

    private static final int ITERATIONS = 60;

    private final FencedRegister register = new FencedRegister();

    private final String namespace = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);

    private RegisterServer server;

    private Clients clients;

    @BeforeEach
    void startRegister() {
        server = new RegisterServer(register);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "POSTGRES", "MARIADB"})
    void shouldNeverLetTwoClientJvmsInsideOneKeyAtOnce(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open()) {
            clients = new Clients(target, server.port(), namespace);
            List<ClientProcess> running = IntStream.rangeClosed(1, CLIENTS)
                    .mapToObj((i) -> clients.start(
                            "c" + i,
                            "loop",
                            "keys=a,b",
                            "iterations=" + ITERATIONS,
                            "holdMillis=4",
                            "leaseMillis=15000",
                            "seed=" + i))
                    .toList();
            for (ClientProcess client : running) {
                client.awaitLine("DONE", Duration.ofMinutes(2));
            }
            assertThat(register.refusals()).isEmpty();
            for (ClientProcess client : running) {
                assertThat(client.awaitExit(Duration.ofSeconds(30)))
                        .describedAs("exit status of %s", client)
                        .isZero();
                assertThat(client.lines())
                        .describedAs("lost leases or failed calls in %s", client)
                        .noneMatch((line) -> line.startsWith("LOST") || line.startsWith("FAILED"));
            }
            assertThat(register.accepted())
                    .describedAs("entries and exits the register saw")
                    .isGreaterThan(CLIENTS * ITERATIONS / 2);
            assertThat(opened.store().list(namespace, 10))
                    .describedAs("locks left held")
                    .isEmpty();
        }
    }
}
