package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * PostgreSQL wake-ups of {@link JdbcLockStore}'s semaphores and read/write locks: a release, a resize or a delete
 * wakes every waiter of the semaphore by NOTIFY (the store's re-check is a minute here, beyond every wait, so a waiter
 * that gets in was woken), and nothing is sent while nobody waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSemaphoreNotificationsTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private HikariDataSource pool;

    private JdbcLockStore store;

    private LockTemplate template;

    private String namespace;

    @BeforeAll
    void openPool() {
        this.pool = new HikariDataSource();
        this.pool.setJdbcUrl(TestServices.postgres().url());
        this.pool.setUsername(TestServices.postgres().username());
        this.pool.setPassword(TestServices.postgres().password());
        this.pool.setMaximumPoolSize(8);
        new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-postgresql.sql"))
                .execute(this.pool);
    }

    @BeforeEach
    void newStore() {
        this.store =
                new JdbcLockStore(this.pool, true, Duration.ofMinutes(1), JdbcLockStore.DEFAULT_FREE_ROW_RETENTION);
        this.template = LockTemplate.of(this.store);
        this.namespace = "sem-notify-" + UUID.randomUUID().toString().substring(0, 8);
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
    void shouldWakeEveryWaiterThatFitsOnOneRelease() throws Exception {
        LeasedSemaphore pool = this.template.semaphore(this.namespace, "pool");
        pool.create(2);
        Lease holder = pool.acquire(permits(2, "holder").build());
        CompletableFuture<Lease> first = CompletableFuture.supplyAsync(() -> pool.acquire(waiting("first")));
        CompletableFuture<Lease> second = CompletableFuture.supplyAsync(() -> pool.acquire(waiting("second")));
        awaitWaiters("pool", 2);
        holder.close();
        // One release, no re-check within these 10 s: both waiters were woken by its one notification.
        Lease one = first.get(10, TimeUnit.SECONDS);
        Lease two = second.get(10, TimeUnit.SECONDS);
        assertThat(one.isHeld()).isTrue();
        assertThat(two.isHeld()).isTrue();
        one.close();
        two.close();
    }

    @Test
    void shouldWakeAWaiterWhenTheSemaphoreGrows() throws Exception {
        LeasedSemaphore pool = this.template.semaphore(this.namespace, "grows");
        pool.create(1);
        Lease holder = pool.acquire(permits(1, "holder").build());
        CompletableFuture<Lease> waiter = CompletableFuture.supplyAsync(() -> pool.acquire(waiting("waiter")));
        awaitWaiters("grows", 1);
        assertThat(pool.resize(2)).isPresent();
        Lease granted = waiter.get(10, TimeUnit.SECONDS);
        assertThat(holder.isHeld()).isTrue();
        granted.close();
        holder.close();
    }

    @Test
    void shouldTellAWaiterAtOnceThatTheSemaphoreWasDeleted() throws Exception {
        LeasedSemaphore pool = this.template.semaphore(this.namespace, "deleted");
        pool.create(1);
        pool.acquire(permits(1, "holder").build());
        CompletableFuture<LockResult> waiter = CompletableFuture.supplyAsync(() -> pool.tryAcquire(waiting("waiter")));
        awaitWaiters("deleted", 1);
        assertThat(pool.forceDelete()).isTrue();
        assertThat(waiter.get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        LockResult.NotAcquired.class,
                        (refused) -> assertThat(refused.reason()).isEqualTo(LockResult.Reason.MISSING));
    }

    @Test
    void shouldWakeEveryWaitingReaderWhenTheWriterReleases() throws Exception {
        LeasedReadWriteLock doc = this.template.readWriteLock(this.namespace, "doc");
        Lease writer = doc.acquireWrite(PermitRequest.builder()
                .owner("writer")
                .lease(LEASE)
                .autoRenew(false)
                .build());
        List<CompletableFuture<Lease>> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String owner = "reader-" + i;
            readers.add(CompletableFuture.supplyAsync(() -> doc.acquireRead(waiting(owner))));
        }
        awaitWaiters("doc", 3);
        writer.close();
        for (CompletableFuture<Lease> reader : readers) {
            assertThat(reader.get(10, TimeUnit.SECONDS).isHeld()).isTrue();
        }
        assertThat(doc.inspect())
                .hasValueSatisfying((state) -> assertThat(state.holders()).hasSize(3));
        for (CompletableFuture<Lease> reader : readers) {
            reader.get().close();
        }
    }

    @Test
    void shouldNotifyOnlyWhenARequestWasRefused() throws Exception {
        LockKey key = new LockKey(this.namespace, "quiet");
        this.store.createSemaphore(key, 1, false);
        try (Connection listener =
                DriverManager.getConnection(this.pool.getJdbcUrl(), this.pool.getUsername(), this.pool.getPassword())) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + PostgresNotifications.CHANNEL);
            }
            for (int i = 0; i < 3; i++) {
                long token = granted(this.store.acquirePermits(command(key, "alice")));
                this.store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", token);
            }
            this.store.resizeSemaphore(key, 2);
            assertThat(payloads(listener, 300)).as("uncontended").isEmpty();

            this.store.resizeSemaphore(key, 1);
            long alice = granted(this.store.acquirePermits(command(key, "alice")));
            assertThat(this.store.acquirePermits(command(key, "bob"))).isInstanceOf(PermitOutcome.Refused.class);
            this.store.releasePermits(SemaphoreKind.SEMAPHORE, key, "alice", alice);
            assertThat(payloads(listener, 2000)).containsExactly(NotificationPayload.ofSemaphore(key));

            long carol = granted(this.store.acquirePermits(command(key, "carol")));
            this.store.releasePermits(SemaphoreKind.SEMAPHORE, key, "carol", carol);
            assertThat(payloads(listener, 300))
                    .as("the flag was cleared by the release")
                    .isEmpty();
        }
    }

    @Test
    void shouldReadSemaphorePayloadsApartFromLockPayloads() {
        LockKey key = new LockKey("a.b", "c:d");
        assertThat(NotificationPayload.ofSemaphore(key)).isEqualTo("s3:a.bc:d");
        assertThat(NotificationPayload.isSemaphore(NotificationPayload.ofSemaphore(key)))
                .isTrue();
        assertThat(NotificationPayload.isSemaphore(NotificationPayload.of(key))).isFalse();
        assertThat(NotificationPayload.parse("s3:a.bc:d")).isEqualTo(key);
        assertThat(NotificationPayload.parse("s9:short")).isNull();
    }

    private void awaitWaiters(String id, int waiters) {
        LockKey key = new LockKey(this.namespace, id);
        await("waiters on [" + key + "]")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> this.store.notifications().waitingPermits(key) == waiters
                        && this.store.notifications().listening());
    }

    private static PermitRequest.Builder permits(int permits, String owner) {
        return PermitRequest.permits(permits).owner(owner).lease(LEASE).autoRenew(false);
    }

    private static PermitRequest waiting(String owner) {
        return permits(1, owner).waitTime(Duration.ofSeconds(20)).build();
    }

    private static PermitCommand command(LockKey key, String owner) {
        return new PermitCommand(key, SemaphoreKind.SEMAPHORE, owner, 0, 1, false, LEASE, AcquireMode.LOCK, 0, false);
    }

    private static long granted(PermitOutcome outcome) {
        assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
        return ((PermitOutcome.Granted) outcome).token();
    }

    /** The payloads of the notifications received that name this test's keys (other builds may share the channel). */
    private List<String> payloads(Connection connection, int waitMillis) throws Exception {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (System.nanoTime() < deadline) {
            PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(50);
            if (received != null) {
                for (PGNotification notification : received) {
                    LockKey key = NotificationPayload.parse(notification.getParameter());
                    if (key != null && key.namespace().equals(this.namespace)) {
                        payloads.add(notification.getParameter());
                    }
                }
                deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        return payloads;
    }
}
