package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A holder in a JVM of its own is killed ({@code SIGKILL}) or paused ({@code SIGSTOP}) past its lease while another
 * client JVM waits: the waiter is granted once the holder's lease has run out by the store's clock (not before, not
 * much after), with a higher token; the paused holder, let go on ({@code SIGCONT}), is told its lease was lost and
 * its writes with the old token are refused by the fenced register.
 */
class HolderKillAndPauseTests {

    private static final Duration LEASE = Duration.ofSeconds(3);

    /** Slack for the store's millisecond rounding of the time left. */
    private static final Duration ROUNDING = Duration.ofMillis(50);

    private static final Duration STARTUP = Duration.ofMinutes(1);

    private final FencedRegister register = new FencedRegister();

    private final String namespace = "kill-" + UUID.randomUUID().toString().substring(0, 8);

    private final LockKey key = new LockKey(namespace, "k");

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
    void shouldGrantWaiterWhenKilledHoldersLeaseRunsOut(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open()) {
            clients = new Clients(target, server.port(), namespace);
            ClientProcess holder = startHolder();
            long holderToken = token(holder.awaitLine("HELD", STARTUP));
            ClientProcess waiter = startWaiter();
            waiter.awaitLine("WAITING", STARTUP);

            long before = System.nanoTime();
            Duration left = heldBy(opened, "holder").remaining();
            holder.kill();
            long killed = System.nanoTime();
            String granted = waiter.awaitLine("HELD", LEASE.plusSeconds(30));
            long grantedAt = System.nanoTime();

            assertThat(Duration.ofNanos(grantedAt - before))
                    .describedAs("time from the holder's last %s left to the waiter's grant", left)
                    .isGreaterThanOrEqualTo(left.minus(ROUNDING));
            assertThat(Duration.ofNanos(grantedAt - killed)).isLessThan(LEASE.plusSeconds(10));
            assertThat(token(granted)).isGreaterThan(holderToken);
            assertThat(granted).endsWith(" OK");
            assertThat(heldBy(opened, "waiter").token()).isEqualTo(token(granted));
            assertThat(register.refusals()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "POSTGRES", "MARIADB"})
    void shouldTellPausedHolderItsLeaseWasLostAndRefuseItsStaleWrites(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open()) {
            clients = new Clients(target, server.port(), namespace);
            ClientProcess holder = startHolder();
            long holderToken = token(holder.awaitLine("HELD", STARTUP));
            ClientProcess waiter = startWaiter();
            waiter.awaitLine("WAITING", STARTUP);

            long before = System.nanoTime();
            Duration left = heldBy(opened, "holder").remaining();
            holder.pause();
            long paused = System.nanoTime();
            String granted;
            try {
                granted = waiter.awaitLine("HELD", LEASE.plusSeconds(30));
            } finally {
                holder.resume();
            }
            long grantedAt = System.nanoTime();
            long waiterToken = token(granted);

            assertThat(Duration.ofNanos(grantedAt - before)).isGreaterThanOrEqualTo(left.minus(ROUNDING));
            assertThat(Duration.ofNanos(grantedAt - paused)).isLessThan(LEASE.plusSeconds(10));
            assertThat(waiterToken).isGreaterThan(holderToken);
            holder.awaitLine("LOST " + holderToken, Duration.ofSeconds(30));
            holder.send("WRITE");
            assertThat(holder.awaitLine("WRITE", Duration.ofSeconds(30)))
                    .isEqualTo("WRITE REFUSED token is below " + waiterToken + ", seen before");
            holder.send("ISHELD");
            assertThat(holder.awaitLine("ISHELD", Duration.ofSeconds(30))).isEqualTo("ISHELD false");
            holder.send("CLOSE");
            assertThat(holder.awaitLine("CLOSE", Duration.ofSeconds(30)))
                    .startsWith("CLOSE LockLostException Lock [" + key + "] held by 'holder' (token " + holderToken
                            + ") was lost");
            waiter.send("WRITE");
            assertThat(waiter.awaitLine("WRITE", Duration.ofSeconds(30))).isEqualTo("WRITE OK");
            assertThat(heldBy(opened, "waiter").token()).isEqualTo(waiterToken);
            assertThat(register.refusals()).singleElement().satisfies((refusal) -> {
                assertThat(refusal.owner()).isEqualTo("holder");
                assertThat(refusal.token()).isEqualTo(holderToken);
            });
            assertThat(waiter.lines()).noneMatch((line) -> line.startsWith("LOST"));
        }
    }

    private ClientProcess startHolder() {
        return clients.start("holder", "hold", "keys=k", "leaseMillis=" + LEASE.toMillis(), "watchdogMillis=200");
    }

    private ClientProcess startWaiter() {
        return clients.start("waiter", "hold", "keys=k", "leaseMillis=30000", "waitMillis=60000");
    }

    private LockState heldBy(OpenedStore opened, String owner) {
        LockState state = opened.store().inspect(key).orElseThrow();
        assertThat(state.owner()).isEqualTo(owner);
        return state;
    }

    /** Read the token from {@code HELD <token> <waited> <answer>}. */
    private static long token(String held) {
        return Long.parseLong(held.split(" ")[1]);
    }
}
