package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * PostgreSQL wake-ups of {@link JdbcLockStore}'s mailboxes: a caller's watch, in a store whose re-check is a minute
 * (beyond every wait here), is woken by the NOTIFY of a result written by another store that does not listen, and by
 * the release of the mailbox lock after a refused attempt on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMailboxNotificationsTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    /** Far below the store's re-check of a minute: only a notification answers a watch this soon. */
    private static final Duration WOKEN_WITHIN = Duration.ofSeconds(10);

    private HikariDataSource pool;

    private JdbcLockStore caller;

    private JdbcLockStore runner;

    private LockKey mailbox;

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
    void newStores() {
        this.caller =
                new JdbcLockStore(this.pool, true, Duration.ofMinutes(1), JdbcLockStore.DEFAULT_FREE_ROW_RETENTION);
        this.runner = new JdbcLockStore(this.pool, false);
        this.mailbox = new LockKey("mb-notify-" + UUID.randomUUID().toString().substring(0, 8), "acct");
    }

    @AfterEach
    void closeStores() {
        this.caller.close();
        this.runner.close();
    }

    @AfterAll
    void closePool() {
        this.pool.close();
    }

    @Test
    void shouldWakeACallerWhenAnotherStoreWritesItsResult() throws Exception {
        MailboxFrame frame = frame("call-1");
        assertThat(this.runner.enqueue(frame, 10)).isTrue();
        long token = grant(this.runner, "runner");
        try (MailboxWatch watch = this.caller.watch(this.mailbox, frame.callId())) {
            assertThat(watch.next(Duration.ZERO)).isInstanceOf(MailboxProbe.LockHeld.class);
            assertThat(this.runner.begin(this.mailbox, frame.callId(), token)).isPresent();
            assertThat(this.runner.complete(
                            this.mailbox, frame.callId(), token, new FrameResult.Returned("\"ok\""), LEASE))
                    .isTrue();
            long start = System.nanoTime();
            MailboxProbe probe = watch.next(LEASE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WOKEN_WITHIN);
            assertThat(probe).isInstanceOf(MailboxProbe.ResultReady.class);
        }
        assertThat(this.caller.result(frame.callId())).contains(new FrameResult.Returned("\"ok\""));
    }

    @Test
    void shouldWakeACallerWhenTheMailboxLockIsReleased() throws Exception {
        MailboxFrame frame = frame("call-2");
        assertThat(this.caller.enqueue(frame, 10)).isTrue();
        long token = grant(this.runner, "runner");
        assertThat(this.caller.acquire(command("caller")))
                .as("the caller's attempt on the held mailbox lock")
                .isInstanceOf(AcquireOutcome.Refused.class);
        try (MailboxWatch watch = this.caller.watch(this.mailbox, frame.callId())) {
            assertThat(watch.next(Duration.ZERO)).isInstanceOf(MailboxProbe.LockHeld.class);
            assertThat(this.runner.release(MailboxStore.lockKey(this.mailbox), "runner", token))
                    .isEqualTo(ReleaseOutcome.RELEASED);
            long start = System.nanoTime();
            MailboxProbe probe = watch.next(LEASE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WOKEN_WITHIN);
            assertThat(probe).isInstanceOf(MailboxProbe.LockFree.class);
        }
    }

    private MailboxFrame frame(String callId) {
        return new MailboxFrame(
                this.mailbox.namespace() + "-" + callId, this.mailbox, "{}", List.of(), 0, Instant.now());
    }

    private long grant(JdbcLockStore store, String owner) {
        AcquireOutcome outcome = store.acquire(command(owner));
        assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        return ((AcquireOutcome.Granted) outcome).token();
    }

    private AcquireCommand command(String owner) {
        return new AcquireCommand(MailboxStore.lockKey(this.mailbox), owner, 0, LEASE, AcquireMode.LOCK);
    }
}
