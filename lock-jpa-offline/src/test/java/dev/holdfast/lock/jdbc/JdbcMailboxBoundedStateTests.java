package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Bounded state of the database store's mailboxes: a mailbox whose calls all ran, and whose dead letters were
 * discarded or requeued and ran, leaves no row behind; results expire by the database clock and the store's sweep
 * deletes them.
 */
class JdbcMailboxBoundedStateTests {

    @Nested
    class Postgres extends BoundedState {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class Mariadb extends BoundedState {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @Nested
    class H2 extends BoundedState {
        H2() {
            super(() ->
                    new JdbcService("jdbc:h2:mem:mb-bounded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class BoundedState {

        static final Duration LONG = Duration.ofSeconds(30);

        /** Long enough that no short result expires before all twenty are written and counted, even on a loaded machine. */
        static final Duration SHORT = Duration.ofSeconds(5);

        final HikariDataSource pool = new HikariDataSource();

        final JdbcTemplate jdbc;

        final JdbcLockStore store;

        String type;

        /** The payload of the dead letter the test requeues: the handler refuses it until then. */
        volatile String requeuedPayload = "";

        BoundedState(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            this.pool.setMaximumPoolSize(10);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
            this.jdbc = new JdbcTemplate(this.pool);
            // No retention: the background sweep, once a second, deletes every expired result.
            this.store = new JdbcLockStore(this.pool, false, Duration.ZERO);
        }

        @BeforeEach
        void newType() {
            this.type = "mb-bounded-" + UUID.randomUUID().toString().substring(0, 8);
        }

        @AfterAll
        void close() {
            this.store.close();
            this.pool.close();
        }

        @Test
        void shouldLeaveNoRowOfMailboxesWhoseCallsRanAndWhoseDeadLettersWereDiscardedOrRequeued() {
            MailboxSettings settings = MailboxSettings.builder()
                    .attempts(2, Duration.ZERO)
                    .resultTtl(LONG)
                    .build();
            try (LockTemplate template = LockTemplate.of(this.store);
                    Mailboxes mailboxes = Mailboxes.builder(template, this.store)
                            .register(this.type, settings, (payload) -> {
                                if (payload.startsWith("fail") && !requeued(payload)) {
                                    throw new IllegalStateException("refused " + payload);
                                }
                                return "done:" + payload;
                            })
                            .build()) {
                for (int i = 0; i < 60; i++) {
                    assertThat(mailboxes.call(this.type, "id-" + (i % 12), "p" + i))
                            .isEqualTo("done:p" + i);
                }
                for (String id : List.of("id-0", "id-1")) {
                    assertThatExceptionOfType(RetryAttemptsExceededException.class)
                            .isThrownBy(() -> mailboxes.call(this.type, id, "fail-" + id));
                }
                assertThat(rows("holdfast_mailbox_dead_letter")).isEqualTo(2);
                assertThat(rows("holdfast_mailbox_frame")).isZero();
                DeadLetter discarded = mailboxes.deadLetters(this.type, "id-0").get(0);
                assertThat(mailboxes.discard(
                                this.type, "id-0", discarded.frame().callId()))
                        .isTrue();
                DeadLetter requeued = mailboxes.deadLetters(this.type, "id-1").get(0);
                this.requeuedPayload = requeued.frame().payload();
                assertThat(mailboxes.requeue(this.type, "id-1", requeued.frame().callId()))
                        .isTrue();
                assertThat(rows("holdfast_mailbox_frame")).isOne();
                assertThat(mailboxes.drain(this.type, "id-1")).isOne();
                assertThat(this.store.result(requeued.frame().callId()))
                        .contains(new FrameResult.Returned("done:fail-id-1"));
            }
            assertThat(rows("holdfast_mailbox_frame")).isZero();
            assertThat(rows("holdfast_mailbox_dead_letter")).isZero();
            assertThat(this.store.mailboxesWithWork(this.type, 100)).isEmpty();
        }

        private boolean requeued(String payload) {
            return payload.equals(this.requeuedPayload);
        }

        @Test
        void shouldDeleteExpiredResultsInTheBackground() {
            LockKey mailbox = new LockKey(this.type, "acct");
            long token = grant(MailboxStore.lockKey(mailbox));
            for (int i = 0; i < 20; i++) {
                MailboxFrame frame =
                        new MailboxFrame(this.type + "-" + i, mailbox, "p" + i, List.of(), 0, Instant.now());
                assertThat(this.store.enqueue(frame, 100)).isTrue();
                assertThat(this.store.take(mailbox, frame.callId(), token)).isPresent();
                Duration ttl = (i < 10) ? SHORT : LONG;
                assertThat(this.store.complete(mailbox, frame.callId(), token, new FrameResult.Returned("r" + i), ttl))
                        .isTrue();
            }
            assertThat(results()).isEqualTo(20);
            assertThat(this.store.depth(mailbox)).isZero();
            assertThat(rows("holdfast_mailbox_frame")).isZero();
            // The short results expire by the database clock and the sweep deletes them; the long ones stay.
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> results() == 10);
            assertThat(this.store.result(this.type + "-0")).isEmpty();
            assertThat(this.store.result(this.type + "-10")).contains(new FrameResult.Returned("r10"));
        }

        long grant(LockKey key) {
            AcquireOutcome outcome = this.store.acquire(new AcquireCommand(key, "runner", 0, LONG, AcquireMode.LOCK));
            assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
            return ((AcquireOutcome.Granted) outcome).token();
        }

        /** The rows of this test's mailbox type in a frame or dead-letter table. */
        long rows(String table) {
            Long count = this.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + table + " WHERE mailbox_type = ?", Long.class, this.type);
            return (count != null) ? count : 0;
        }

        /** The results of this test's calls, expired or not, whose ids begin with the type. */
        long results() {
            Long count = this.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM holdfast_mailbox_result WHERE call_id LIKE ?", Long.class, this.type + "-%");
            return (count != null) ? count : 0;
        }
    }
}
