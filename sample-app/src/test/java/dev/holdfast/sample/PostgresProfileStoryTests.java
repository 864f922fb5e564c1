package dev.holdfast.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import dev.holdfast.sample.bank.Account;
import dev.holdfast.sample.bank.AccountRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The sample app with {@code --spring.profiles.active=postgres}, on the real PostgreSQL: locks in the database store
 * with waiters woken by LISTEN/NOTIFY, the stories' data in PostgreSQL, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresProfileStoryTests {

    @LocalServerPort
    private int port;

    @Autowired
    private LockStore store;

    @Autowired
    private LockTemplate locks;

    @Autowired
    private AccountRepository accounts;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        JdbcService postgres = TestServices.postgres();
        registry.add("spring.datasource.url", postgres::url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
    }

    @Test
    void shouldKeepLocksInPostgresAndWakeWaitersByNotification() throws Exception {
        assertThat(this.store)
                .isInstanceOfSatisfying(
                        JdbcLockStore.class,
                        (jdbc) -> assertThat(jdbc.notifiesWaiters()).isTrue());
        LockRequest.Builder request =
                LockRequest.of("resource", "postgres-profile").lease(Duration.ofSeconds(30));
        Lease held = this.locks.acquire(request.owner("first").build());
        FutureTask<Granted> waiting = new FutureTask<>(() -> {
            Lease lease = this.locks.acquire(
                    request.owner("second").waitTime(Duration.ofSeconds(30)).build());
            return new Granted(lease, System.nanoTime());
        });
        Thread waiter = new Thread(waiting, "postgres-profile-waiter");
        waiter.start();
        // Parked on the store's watch: a notifying watch parks on itself, a polling one sleeps without a blocker.
        await("the waiter parked on a notifying watch")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> LockSupport.getBlocker(waiter) instanceof LockWatch);
        assertThat(waiting).isNotDone();
        long releasedAt = System.nanoTime();
        held.close();
        Granted granted = waiting.get(30, TimeUnit.SECONDS);
        try (Lease second = granted.lease()) {
            assertThat(second.owner()).isEqualTo("second");
            assertThat(second.token()).isGreaterThan(held.token());
            assertThat(granted.at()).isGreaterThan(releasedAt);
            // Woken by the release's NOTIFY, well within the store's two-second re-check.
            assertThat(Duration.ofNanos(granted.at() - releasedAt)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(this.locks.inspect(LockKey.of("resource", "postgres-profile")))
                .isEmpty();
    }

    @Test
    void shouldPlayTheJobAndBankStoriesOverHttp() {
        RestClient client = RestClient.create("http://localhost:" + this.port);
        Map<?, ?> job = client.post()
                .uri("/resources/pg-lathe/jobs/nice?steps=1&stepMillis=1")
                .retrieve()
                .body(Map.class);
        assertThat(job.get("outcome")).isEqualTo("DONE");

        List<Account> all = this.accounts.findAll();
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        long total = all.stream().mapToLong(Account::getBalance).sum();
        Account from = all.get(0);
        Account to = all.get(1);
        client.post()
                .uri("/bank/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("from", from.getId(), "to", to.getId(), "amount", 1))
                .retrieve()
                .toBodilessEntity();
        assertThat(this.accounts.findAll().stream()
                        .mapToLong(Account::getBalance)
                        .sum())
                .isEqualTo(total);
        assertThat(this.accounts.findById(from.getId()).orElseThrow().getBalance())
                .isEqualTo(from.getBalance() - 1);
    }

    @Test
    void shouldAnswerHealthOnTheDatabaseStore() {
        RestClient client = RestClient.create("http://localhost:" + this.port);
        Map<?, ?> health =
                client.get().uri("/actuator/health/holdfast").retrieve().body(Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    /** A waiter's lease and when it was granted. */
    private record Granted(Lease lease, long at) {}
}
