package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fenced register catches what the fuzz looks for: client JVMs that cheat, one entering without the lock while
 * the real holder is inside, one showing a fake token, are refused and recorded, so a lock that let either happen
 * would fail {@link OverlapFuzzTests}.
 */
class FencedRegisterSelfTests {

    private final FencedRegister register = new FencedRegister();

    private final String namespace = "self-" + UUID.randomUUID().toString().substring(0, 8);

    private RegisterServer server;

    private Clients clients;

    @BeforeEach
    void startClients() {
        server = new RegisterServer(register);
        clients = new Clients(StoreTarget.shared(StoreKind.REDIS), server.port(), namespace);
    }

    @AfterEach
    void stopEverything() throws Exception {
        clients.close();
        server.close();
    }

    @Test
    void shouldCatchClientThatEntersWithoutTheLock() {
        ClientProcess holder = clients.start("holder", "hold", "keys=a", "first=enter", "leaseMillis=30000");
        assertThat(holder.awaitLine("HELD", Duration.ofMinutes(1))).endsWith(" OK");
        assertThat(register.occupied(namespace + ":a")).isTrue();

        ClientProcess rogue = clients.start("rogue", "loop", "keys=a", "iterations=1", "cheat=nolock");

        assertThat(rogue.awaitLine("DONE", Duration.ofMinutes(1))).endsWith("refused=1 failed=0");
        assertThat(register.refusals()).singleElement().satisfies((refusal) -> {
            assertThat(refusal.operation()).isEqualTo("ENTER");
            assertThat(refusal.owner()).isEqualTo("rogue");
            assertThat(refusal.reason())
                    .isEqualTo("'holder' (token " + register.highest(namespace + ":a") + ") is inside");
        });
    }

    @Test
    void shouldCatchClientThatShowsAFakeToken() {
        ClientProcess honest = clients.start("honest", "loop", "keys=a", "iterations=3");
        assertThat(honest.awaitLine("DONE", Duration.ofMinutes(1)))
                .isEqualTo("DONE granted=3 notGranted=0 refused=0 failed=0");
        long highest = register.highest(namespace + ":a");
        assertThat(highest).isGreaterThan(1);

        ClientProcess faker = clients.start("faker", "loop", "keys=a", "iterations=1", "cheat=lowtoken");

        assertThat(faker.awaitLine("DONE", Duration.ofMinutes(1))).endsWith("refused=1 failed=0");
        assertThat(register.refusals()).singleElement().satisfies((refusal) -> {
            assertThat(refusal.operation()).isEqualTo("ENTER");
            assertThat(refusal.owner()).isEqualTo("faker");
            assertThat(refusal.token()).isEqualTo(1);
            assertThat(refusal.reason()).isEqualTo("token is not above " + highest + ", seen before");
        });
    }
}
