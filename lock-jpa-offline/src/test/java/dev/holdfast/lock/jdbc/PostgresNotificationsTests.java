package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * PostgreSQL wake-ups of {@link JdbcLockStore}, on the real PostgreSQL: a waiter is woken by the NOTIFY of the
 * release instead of polling, the uncontended path sends no NOTIFY, and a waiter whose listening connection dies
 * still gets the lock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresNotificationsTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private static final String WAITER_THREADS = "one-wake-per-release-";

    private HikariDataSource pool;

    private CountingDataSource counting;

    private JdbcLockStore store;

    private LockTemplate template;

    private LockKey key;

    @BeforeAll
    void openPool() {
        JdbcService database = TestServices.postgres();
        this.pool = new HikariDataSource();
        this.pool.setJdbcUrl(database.url());
        this.pool.setUsername(database.username());
        this.pool.setPassword(database.password());
        this.pool.setMaximumPoolSize(6);
        new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-postgresql.sql"))
                .execute(this.pool);
    }

    @BeforeEach
    void newStore() {
        this.counting = new CountingDataSource(this.pool);
        // A re-check far beyond every wait here: a waiter that wakes was woken by a notification (or by polling after
        // its listener died).
        this.store =
                new JdbcLockStore(this.counting, true, Duration.ofMinutes(1), JdbcLockStore.DEFAULT_FREE_ROW_RETENTION);
        this.template = LockTemplate.of(this.store);
        this.key = new LockKey("notify", UUID.randomUUID().toString());
    }

    @AfterEach
    void closeStore() {
        this.template.close();
        this.store.close();
    }

    @AfterAll
    void closePool() {
        this.pool.close();
    }

    @Test
    void shouldWakeWaiterOnReleaseWithoutPolling() throws Exception {
        Lease alice = this.template.acquire(request("alice"));
        CompletableFuture<Lease> bob = parkedWaiter("bob");
        assertThat(this.store.notifications().listening()).isTrue();
        this.counting.reset();
        // A polling waiter would ask about eight times in this second and a half (10 ms doubling to 500 ms).
        await("no statement while bob waits")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> this.counting.calls().isEmpty());
        assertThat(bob).isNotDone();
        alice.close();
        // Neither the re-check (a minute) nor alice's lease (30 s) can wake bob within these 10 s: the NOTIFY does.
        Lease granted = bob.get(10, TimeUnit.SECONDS);
        assertThat(this.counting.calls()).as("release, then bob's one acquire").hasSize(2);
        assertThat(granted.owner()).isEqualTo("bob");
        granted.close();
    }

    @Test
    void shouldWakeOneLocalWaiterPerReleaseNotAll() throws Exception {
        int waiters = 16;
        try (JdbcLockStore other = new JdbcLockStore(this.pool)) {
            long holder = ((AcquireOutcome.Granted) other.acquire(command("holder"))).token();
            AtomicInteger named = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(
                    waiters, (task) -> new Thread(task, WAITER_THREADS + named.incrementAndGet()));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostInside = new AtomicInteger();
            try {
                List<CompletableFuture<Long>> runs = new ArrayList<>();
                for (int i = 0; i < waiters; i++) {
                    String owner = "waiter-" + i;
                    runs.add(CompletableFuture.supplyAsync(
                            () -> {
                                try (Lease lease = this.template.acquire(request(owner))) {
                                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                    inside.decrementAndGet();
                                    return lease.token();
                                }
                            },
                            threads));
                }
                // Each waiter has been refused (before and after opening its watch) and is parked on the watch.
                await("every waiter parked on the store's watch")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> parkedOnAWatch() == waiters);
                this.counting.reset();
                long start = System.nanoTime();
                other.release(this.key, "holder", holder);
                for (CompletableFuture<Long> run : runs) {
                    assertThat(run.get(30, TimeUnit.SECONDS)).isGreaterThan(holder);
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
                int statements = this.counting.calls().size();
                assertThat(mostInside).hasValue(1);
                // One acquire and one release per hand-off, a few refusals, a re-check every 2 s per waiter. Waking
                // every waiter on every notification would add about waiters^2 / 2 = 128 refused acquires.
                assertThat(statements)
                        .as("statements for %d hand-offs in %d s", waiters, seconds)
                        .isLessThanOrEqualTo((int) (3 * waiters + seconds * waiters));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void shouldNotifyOnlyWhenARequestWasRefused() throws Exception {
        try (Connection listener = listener()) {
            listen(listener);
            for (int i = 0; i < 3; i++) {
                granted("alice").close();
            }
            assertThat(notifications(listener, 300)).as("uncontended cycles").isEmpty();

            Lease alice = granted("alice");
            assertThat(this.store.acquire(command("bob"))).isInstanceOf(AcquireOutcome.Refused.class);
            Lease again = granted("alice");
            again.close();
            assertThat(notifications(listener, 300))
                    .as("one of two holds released")
                    .isEmpty();
            alice.close();
            assertThat(notifications(listener, 2000)).containsExactly(this.key);

            granted("carol").close();
            assertThat(notifications(listener, 300))
                    .as("the flag was cleared by the release")
                    .isEmpty();

            granted("carol");
            assertThat(this.store.acquire(command("bob"))).isInstanceOf(AcquireOutcome.Refused.class);
            assertThat(this.store.expire(this.key, null)).isTrue();
            assertThat(notifications(listener, 2000)).as("operator expire").containsExactly(this.key);
        }
    }

    @Test
    void shouldWriteTheFlagOnceForManyRefusals() throws Exception {
        try (Connection listener = listener()) {
            listen(listener);
            Lease alice = this.template.acquire(LockRequest.of(this.key.namespace(), this.key.id())
                    .owner("alice")
                    .priority(5)
                    .lease(LEASE)
                    .build());
            long version = rowVersion();
            assertThat(this.store.acquire(command("bob"))).isInstanceOf(AcquireOutcome.Refused.class);
            long flagged = rowVersion();
            assertThat(flagged).as("the first refusal flags the row").isNotEqualTo(version);
            for (String owner : List.of("carol", "dave", "erin")) {
                assertThat(this.store.acquire(command(owner))).isInstanceOf(AcquireOutcome.Refused.class);
                assertThat(this.store.acquire(new AcquireCommand(this.key, owner, 1, LEASE, AcquireMode.LOCK)))
                        .isInstanceOf(AcquireOutcome.Refused.class);
            }
            assertThat(rowVersion()).as("later refusals write nothing").isEqualTo(flagged);
            alice.close();
            assertThat(notifications(listener, 2000)).containsExactly(this.key);
        }
    }

    @Test
    void shouldNotifyWhenAPreemptingRequestWasRefused() throws Exception {
        try (Connection listener = listener()) {
            listen(listener);
            Lease alice = this.template.acquire(LockRequest.of(this.key.namespace(), this.key.id())
                    .owner("alice")
                    .priority(9)
                    .lease(LEASE)
                    .build());
            AcquireOutcome refused =
                    this.store.acquire(new AcquireCommand(this.key, "bob", 5, LEASE, AcquireMode.LOCK));
            assertThat(refused).isInstanceOf(AcquireOutcome.Refused.class);
            alice.close();
            assertThat(notifications(listener, 2000)).containsExactly(this.key);
        }
    }

    @Test
    void shouldStillGrantWhenTheListeningConnectionDies() throws Exception {
        Lease alice = this.template.acquire(request("alice"));
        CompletableFuture<Lease> bob = parkedWaiter("bob");
        assertThat(this.store.notifications().listening()).isTrue();
        try (Connection admin = this.pool.getConnection();
                Statement statement = admin.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE query = 'LISTEN " + PostgresNotifications.CHANNEL + "'")) {
            assertThat(rs.next()).as("the listening backend").isTrue();
        }
        await("the listener notices its connection died")
                .atMost(Duration.ofSeconds(5))
                .until(() -> !this.store.notifications().listening());
        alice.close();
        Lease granted = bob.get(10, TimeUnit.SECONDS);
        assertThat(granted.owner()).isEqualTo("bob");
        granted.close();

        // The next waiter listens again.
        Lease carol = this.template.acquire(request("carol"));
        CompletableFuture<Lease> dave = parkedWaiter("dave");
        assertThat(this.store.notifications().listening()).isTrue();
        carol.close();
        dave.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void shouldStopListeningBeforeTheConnectionGoesBackToThePool() throws Exception {
        Lease alice = this.template.acquire(request("alice"));
        CompletableFuture<Lease> bob = parkedWaiter("bob");
        assertThat(this.store.notifications().listening()).isTrue();
        alice.close();
        bob.get(10, TimeUnit.SECONDS).close();
        this.store.close();
        assertThat(this.store.notifications().listening()).isFalse();
        // Take every connection of the pool at once, so the one that listened is among them.
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < this.pool.getMaximumPoolSize(); i++) {
                all.add(this.pool.getConnection());
            }
            for (Connection connection : all) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM pg_listening_channels()")) {
                    rs.next();
                    assertThat(rs.getInt(1))
                            .as("channels a pooled connection listens to")
                            .isZero();
                }
            }
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
    }

    @Test
    void shouldReadPayloadsWithColonsAndCharactersOutsideTheBasicPlane() {
        assertThat(NotificationPayload.parse("3:a.bc:d")).isEqualTo(new LockKey("a.b", "c:d"));
        assertThat(NotificationPayload.parse("2:x-\uD83D\uDD12{id}:"))
                .isEqualTo(new LockKey("x-", "\uD83D\uDD12{id}:"));
        assertThat(NotificationPayload.parse("9:short")).isNull();
        assertThat(NotificationPayload.parse("nonsense")).isNull();
    }

    @Test
    void shouldSendPayloadThatNamesAwkwardKeys() throws Exception {
        this.key = new LockKey("n.s-1", "it's {a}:b \uD83D\uDD12");
        try (Connection listener = listener()) {
            listen(listener);
            Lease alice = granted("alice");
            assertThat(this.store.acquire(command("bob"))).isInstanceOf(AcquireOutcome.Refused.class);
            alice.close();
            assertThat(notifications(listener, 2000)).containsExactly(this.key);
        }
    }

    /**
     * Start a thread that acquires the test's lock for an owner, and return once it is parked on the store's watch (a
     * watch parks with itself as the blocker): refused, listening, and waiting for a wake-up.
     */
    private CompletableFuture<Lease> parkedWaiter(String owner) {
        CompletableFuture<Lease> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.complete(this.template.acquire(request(owner)));
                    } catch (Throwable ex) {
                        result.completeExceptionally(ex);
                    }
                },
                "waiter-" + owner);
        thread.setDaemon(true);
        thread.start();
        await("thread " + thread.getName() + " parked on the store's watch")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> LockSupport.getBlocker(thread) instanceof LockWatch);
        return result;
    }

    /** Count this test's waiter threads parked on a store's watch. */
    private static long parkedOnAWatch() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().startsWith(WAITER_THREADS))
                .filter((thread) -> LockSupport.getBlocker(thread) instanceof LockWatch)
                .count();
    }

    /** The transaction that wrote the lock's row last. */
    private long rowVersion() throws Exception {
        try (Connection connection = this.pool.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT CAST(CAST(xmin AS TEXT) AS BIGINT) FROM holdfast_lock WHERE lock_namespace = ?"
                                + " AND lock_id = ?")) {
            statement.setString(1, this.key.namespace());
            statement.setString(2, this.key.id());
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private LockRequest request(String owner) {
        return LockRequest.of(this.key.namespace(), this.key.id())
                .owner(owner)
                .lease(LEASE)
                .waitTime(Duration.ofSeconds(20))
                .build();
    }

    private AcquireCommand command(String owner) {
        return new AcquireCommand(this.key, owner, 0, LEASE, AcquireMode.LOCK);
    }

    private Lease granted(String owner) {
        LockResult result = this.template.tryAcquire(LockRequest.of(this.key.namespace(), this.key.id())
                .owner(owner)
                .lease(LEASE)
                .build());
        assertThat(result).isInstanceOf(LockResult.Acquired.class);
        return ((LockResult.Acquired) result).lease();
    }

    /** A connection of its own, outside the pool, so that no pooled connection is left listening. */
    private Connection listener() throws Exception {
        return DriverManager.getConnection(this.pool.getJdbcUrl(), this.pool.getUsername(), this.pool.getPassword());
    }

    private static void listen(Connection connection) throws Exception {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + PostgresNotifications.CHANNEL);
        }
    }

    /** The notifications received for this test's lock (other builds may share the database and its channel). */
    private List<LockKey> notifications(Connection connection, int waitMillis) throws Exception {
        List<LockKey> keys = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (System.nanoTime() < deadline) {
            PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(50);
            if (received != null) {
                Arrays.stream(received)
                        .map((notification) -> NotificationPayload.parse(notification.getParameter()))
                        .filter(this.key::equals)
                        .forEach(keys::add);
                if (!keys.isEmpty()) {
                    deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        }
        return keys;
    }
}
