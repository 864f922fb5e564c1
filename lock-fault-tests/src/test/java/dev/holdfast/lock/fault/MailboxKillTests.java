package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.fault.FrameJournal.Run;
import dev.holdfast.lock.fault.FrameJournal.State;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mailbox clients in JVMs of their own (SPEC §7, "crashes lose nothing"), judged by a {@link FrameJournal} in the test
 * JVM: a runner killed ({@code SIGKILL}) mid-frame has its at-least-once frame run again, told it is a redelivery,
 * with its effect applied once and its caller alive in another JVM answered; an at-most-once frame is gone with its
 * runner and its caller is told, while the mailbox goes on; a caller killed before reading its result leaves one
 * that expires.
 */
class MailboxKillTests {

    /** The mailbox lock's lease: how long a killed runner keeps its mailbox. */
    private static final Duration LEASE = Duration.ofSeconds(3);

    private static final Duration RESULT_TTL = Duration.ofSeconds(2);

    private static final Duration STARTUP = Duration.ofMinutes(1);

    /** How long after a kill a waiting caller may take to be answered: the lease, and slack for a loaded machine. */
    private static final Duration AFTER_KILL = LEASE.plusSeconds(20);

    private static final Duration PROMPT = Duration.ofSeconds(20);

    private final FrameJournal journal = new FrameJournal();

    private final String type = "mbkill-" + UUID.randomUUID().toString().substring(0, 8);

    private final LockKey mailbox = new LockKey(type, "acct");

    private RegisterServer server;

    private Clients clients;

    @BeforeEach
    void startJournal() {
        server = new RegisterServer(journal);
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
    void shouldRedeliverTheFrameOfAKilledRunnerOnceAndAnswerItsCallerInAnotherJvm(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open()) {
            MailboxStore store = (MailboxStore) opened.store();
            clients = new Clients(target, server.port(), type);
            ClientProcess runner = start("a", "AT_LEAST_ONCE");
            ClientProcess drainer = start("b", "AT_LEAST_ONCE");
            ClientProcess caller = start("c", "AT_LEAST_ONCE");
            awaitReady(runner, drainer, caller);

            runner.send("CALL acct first:hold");
            runner.awaitLine("HOLDING first", PROMPT);
            caller.send("CALL acct victim:after");
            caller.awaitLine("ENQUEUED victim", PROMPT);
            assertThat(store.depth(mailbox)).isEqualTo(2);
            runner.send("GO");
            runner.awaitLine("BLOCKED victim", PROMPT);
            Run killed = journal.running("victim").orElseThrow();
            assertThat(killed.owner()).isEqualTo("a");
            assertThat(killed.attempt()).isEqualTo(1);
            assertThat(journal.effects()).containsExactly("first", "victim");

            runner.kill();
            long killedAt = System.nanoTime();
            drainer.send("DRAIN acct");
            String answer = caller.awaitLine("RESULT victim", AFTER_KILL);
            Duration answeredAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            drainer.awaitLine("DRAINED", PROMPT);

            assertThat(answer).isEqualTo("RESULT victim done:victim@2");
            assertThat(answeredAfter).isLessThan(AFTER_KILL);
            List<Run> runs = runsOf("victim");
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0)).isEqualTo(killed.with(State.ABANDONED));
            assertThat(runs.get(1).owner()).isIn("b", "c");
            assertThat(runs.get(1).attempt()).isEqualTo(2);
            assertThat(runs.get(1).state()).isEqualTo(State.ENDED);
            assertThat(runs.get(1).token()).isGreaterThan(killed.token());
            assertThat(runs.get(1).callId()).isEqualTo(killed.callId());
            assertThat(journal.effects()).containsExactly("first", "victim");
            assertThat(journal.violations()).isEmpty();
            assertThat(store.depth(mailbox)).isZero();
            assertThat(store.deadLetters(mailbox)).isEmpty();
            assertThat(store.result(killed.callId())).contains(new FrameResult.Returned("done:victim@2"));
            System.out.printf(
                    "%s: at-least-once frame redelivered by %s, its caller answered %d ms after the kill%n",
                    kind, runs.get(1).owner(), answeredAfter.toMillis());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "POSTGRES"})
    void shouldLoseTheAtMostOnceFrameOfAKilledRunnerTellItsCallerAndGoOn(StoreKind kind) {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open()) {
            MailboxStore store = (MailboxStore) opened.store();
            clients = new Clients(target, server.port(), type);
            ClientProcess runner = start("a", "AT_MOST_ONCE");
            ClientProcess caller = start("c", "AT_MOST_ONCE");
            awaitReady(runner, caller);

            runner.send("CALL acct first:hold");
            runner.awaitLine("HOLDING first", PROMPT);
            caller.send("CALL acct victim:after");
            caller.awaitLine("ENQUEUED victim", PROMPT);
            runner.send("GO");
            runner.awaitLine("BLOCKED victim", PROMPT);
            Run killed = journal.running("victim").orElseThrow();
            assertThat(store.depth(mailbox)).isZero();

            runner.kill();
            long killedAt = System.nanoTime();
            String failure = caller.awaitLine("FAILED victim", AFTER_KILL);
            Duration toldAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            caller.send("CALL acct next");

            assertThat(caller.awaitLine("RESULT next", PROMPT)).isEqualTo("RESULT next done:next@1");
            assertThat(failure)
                    .startsWith("FAILED victim MailboxException Call [" + killed.callId() + "] in mailbox [" + mailbox
                            + "] left the queue without a result")
                    .contains("taken by a holder that stopped");
            assertThat(runsOf("victim")).containsExactly(killed.with(State.ABANDONED));
            assertThat(journal.effects()).containsExactly("first", "victim", "next");
            assertThat(journal.violations()).isEmpty();
            assertThat(store.depth(mailbox)).isZero();
            assertThat(store.result(killed.callId())).isEmpty();
            System.out.printf(
                    "%s: at-most-once frame lost with its runner, its caller told %d ms after the kill%n",
                    kind, toldAfter.toMillis());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"REDIS", "POSTGRES"})
    void shouldExpireTheResultOfACallerKilledBeforeReadingIt(StoreKind kind) throws Exception {
        StoreTarget target = StoreTarget.shared(kind);
        try (OpenedStore opened = target.open();
                LockTemplate locks = LockTemplate.of(opened.store());
                StoredResults stored = new StoredResults(opened)) {
            MailboxStore store = (MailboxStore) opened.store();
            clients = new Clients(target, server.port(), type);
            ClientProcess caller = start("x", "AT_LEAST_ONCE");
            ClientProcess drainer = start("b", "AT_LEAST_ONCE");
            awaitReady(caller, drainer);
            Lease held = locks.acquire(LockRequest.of(MailboxStore.lockKey(mailbox))
                    .owner("test")
                    .lease(Duration.ofSeconds(30))
                    .autoRenew(false)
                    .build());
            caller.send("CALL acct orphan");
            caller.awaitLine("ENQUEUED orphan", PROMPT);
            caller.kill();
            drainer.send("DRAIN acct");
            held.release();
            drainer.awaitLine("DRAINED 1", PROMPT);
            long drainedAt = System.nanoTime();

            Run run = runsOf("orphan").get(0);
            assertThat(run.owner()).isEqualTo("b");
            assertThat(store.result(run.callId())).contains(new FrameResult.Returned("done:orphan@1"));
            assertThat(stored.count(run.callId())).isOne();
            await("the result of call " + run.callId() + " gone from " + kind)
                    .atMost(RESULT_TTL.plusSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> store.result(run.callId()).isEmpty() && stored.count(run.callId()) == 0);
            assertThat(Duration.ofNanos(System.nanoTime() - drainedAt))
                    .isGreaterThanOrEqualTo(RESULT_TTL.minusMillis(500));
            assertThat(journal.violations()).isEmpty();
        }
    }

    private ClientProcess start(String owner, String delivery) {
        return clients.start(
                owner,
                "mailbox",
                "delivery=" + delivery,
                "leaseMillis=" + LEASE.toMillis(),
                "watchdogMillis=300",
                "resultTtlMillis=" + RESULT_TTL.toMillis(),
                "callTimeoutMillis=60000");
    }

    private static void awaitReady(ClientProcess... started) {
        for (ClientProcess client : started) {
            client.awaitLine("READY", STARTUP);
        }
    }

    private List<Run> runsOf(String name) {
        return journal.runs().stream().filter((run) -> run.name().equals(name)).toList();
    }

    /**
     * Counts the stored copies of a call's result as the store keeps them: Redis keys (which expire by themselves), or
     * database rows once the store's sweep of expired results ran.
     */
    private static final class StoredResults implements AutoCloseable {

        private final OpenedStore opened;

        private final @Nullable RedisClient redis;

        private final @Nullable StatefulRedisConnection<String, String> connection;

        StoredResults(OpenedStore opened) {
            this.opened = opened;
            StoreTarget target = opened.target();
            this.redis = (target.kind() == StoreKind.REDIS)
                    ? RedisClient.create(RedisURI.create("redis://" + target.address()))
                    : null;
            this.connection = (redis != null) ? redis.connect() : null;
        }

        long count(String callId) throws SQLException {
            StoreTarget target = opened.target();
            if (connection != null) {
                return connection
                        .sync()
                        .keys(target.prefix() + ":mbox-result:*" + callId)
                        .size();
            }
            ((JdbcLockStore) opened.store()).deleteFreeRows();
            try (Connection database = DriverManager.getConnection(target.address(), target.user(), target.password());
                    PreparedStatement query = database.prepareStatement(
                            "SELECT COUNT(*) FROM holdfast_mailbox_result WHERE call_id = ?")) {
                query.setString(1, callId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
            if (redis != null) {
                redis.shutdown();
            }
        }
    }
}
