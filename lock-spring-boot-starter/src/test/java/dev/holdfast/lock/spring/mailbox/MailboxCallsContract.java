package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.mailbox.FrameTooLargeException;
import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spring.mailbox.Ledger.Entry;
import dev.holdfast.lock.spring.mailbox.Ledger.LedgerException;
import dev.holdfast.lock.spring.mailbox.Ledger.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What {@code @Mailbox} methods do on a real store: each store's test class runs these against its own application.
 * Ledger accounts are unique per test, so runs against a shared server do not meet.
 */
abstract class MailboxCallsContract {

    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @Autowired
    Ledger ledger;

    @Autowired
    Mailboxes mailboxes;

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    static String account() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void shouldRunFramesOfOneAccountOneAtATimeInEachCallersOrder() throws Exception {
        String account = account();
        int callers = 4;
        int calls = 15;
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            String thread = "t" + t;
            answers.add(this.threads.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int seq = 0; seq < calls; seq++) {
                    got.add(this.ledger.append(account, new Entry(thread, seq)));
                }
                return got;
            }));
        }
        for (int t = 0; t < callers; t++) {
            List<String> got = answers.get(t).get(60, TimeUnit.SECONDS);
            for (int seq = 0; seq < calls; seq++) {
                // Each caller gets the answer of its own frame
                assertThat(got.get(seq)).startsWith("t" + t + "#" + seq + "@");
            }
        }
        List<Entry> applied = this.ledger.applied(account);
        assertThat(applied).hasSize(callers * calls);
        for (int t = 0; t < callers; t++) {
            String thread = "t" + t;
            assertThat(applied.stream()
                            .filter((entry) -> entry.thread().equals(thread))
                            .map(Entry::seq))
                    .as("frames of caller %s in its order", thread)
                    .isSorted()
                    .hasSize(calls);
        }
        assertThat(this.ledger.overlaps())
                .as("frames of one account that ran at once")
                .isZero();
    }

    @Test
    void shouldRunDifferentAccountsInParallel() throws Exception {
        String gate = UUID.randomUUID().toString();
        Future<Boolean> held = this.threads.submit(() -> this.ledger.hold(account(), gate));
        // The first account's frame waits inside its mailbox until the second account's frame has run
        this.ledger.open(account(), gate);
        assertThat(held.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldGiveEachCallerItsOwnException() throws Exception {
        String account = account();
        List<Future<Throwable>> failures = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String reason = "reason " + t;
            failures.add(this.threads.submit(() -> {
                try {
                    this.ledger.reject(account, reason);
                    return null;
                } catch (LedgerException ex) {
                    return ex;
                }
            }));
        }
        for (int t = 0; t < 3; t++) {
            assertThat(failures.get(t).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(LedgerException.class)
                    .hasMessage("reason " + t);
        }
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> this.ledger.refuse(account, "no way"))
                .withMessage("no way");
        // At least once: each failed frame used its attempts and waits in the dead letters
        assertThat(this.mailboxes.deadLetters("ledger", account))
                .extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(
                        LedgerException.class.getName() + ": reason 0",
                        LedgerException.class.getName() + ": reason 1",
                        LedgerException.class.getName() + ": reason 2",
                        IllegalStateException.class.getName() + ": no way");
    }

    @Test
    void shouldCompleteFuturesWithTheirOwnFramesResults() throws Exception {
        String account = account();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            futures.add(this.ledger.appendLater(account, new Entry("async", seq)));
        }
        for (int seq = 0; seq < 10; seq++) {
            assertThat(futures.get(seq).get(30, TimeUnit.SECONDS)).isEqualTo(seq * 10);
        }
        assertThat(this.ledger.applied(account)).extracting(Entry::seq).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        CompletableFuture<Integer> failing = this.ledger.appendLater(account, new Entry("async", -1));
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> failing.get(30, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOf(LedgerException.class)
                .withMessage("negative sequence -1 for " + account);
    }

    @Test
    void shouldRunACallIntoItsOwnMailboxInlineInTheSameFrame() {
        String account = account();
        List<String> answer = this.ledger.appendTwice(account, new Entry("self", 1));
        assertThat(answer.get(0)).isEqualTo("self#1@0");
        assertThat(answer.get(1)).isEqualTo("self#2@1");
        assertThat(answer.get(3)).as("call id of the nested frame").isEqualTo(answer.get(2));
        assertThat(this.mailboxes.depth("ledger", account)).isZero();
    }

    @Test
    void shouldCallAnotherMailboxFromInsideAFrame() {
        String from = account();
        String to = account();
        assertThat(this.ledger.transfer(from, to))
                .isEqualTo("audit:" + to + " from " + from + " via [ledger:" + from + "]");
    }

    @Test
    void shouldRoundTripRecordsCollectionsOptionalTimeAndNulls() {
        String account = account();
        Snapshot snapshot = new Snapshot(
                account,
                List.of(new Entry("a", 1), new Entry("b", 2)),
                Map.of("a", 1, "b", 2),
                Optional.of("note"),
                Instant.parse("2026-12-05T01:02:03.123456789Z"),
                LocalDate.of(2026, 12, 5),
                Duration.ofMillis(1500),
                null);
        assertThat(this.ledger.echo(account, snapshot)).isEqualTo(snapshot);
        Snapshot empty = new Snapshot(
                account, List.of(), Map.of(), Optional.empty(), Instant.EPOCH, LocalDate.EPOCH, Duration.ZERO, null);
        assertThat(this.ledger.echo(account, empty)).isEqualTo(empty);
        Map<String, List<Entry>> groups =
                this.ledger.group(account, List.of(new Entry("x", 1), new Entry("y", 2), new Entry("x", 3)));
        assertThat(groups)
                .containsExactly(
                        Map.entry("x", List.of(new Entry("x", 1), new Entry("x", 3))),
                        Map.entry("y", List.of(new Entry("y", 2))));
        assertThat(this.ledger.maybe(account, null)).isEmpty();
        assertThat(this.ledger.maybe(account, "here")).contains("here");
    }

    @Test
    void shouldRefuseANullKeyNamingTheMethodAndExpression() {
        assertThatExceptionOfType(MailboxException.class)
                .isThrownBy(() -> this.ledger.append(null, new Entry("n", 0)))
                .withMessageContaining(
                        "@Mailbox key [#account] of " + Ledger.class.getName() + ".append(String, Entry)")
                .withMessageContaining("gave null");
        assertThatExceptionOfType(MailboxException.class)
                .isThrownBy(() -> this.ledger.append("", new Entry("n", 0)))
                .withMessageContaining("gave an empty id");
    }

    @Test
    void shouldRefuseAnArgumentThatCannotBeWrittenAndEnqueueNothing() {
        String account = account();
        assertThat(this.ledger.keep(account, new Ledger.Fragile("fine"))).isEqualTo("fine");
        assertThatExceptionOfType(MailboxException.class)
                .isThrownBy(() -> this.ledger.keep(account, new Ledger.Fragile("boom")))
                .withMessageStartingWith("Argument 1 of " + Ledger.class.getName() + ".keep(String, Fragile) cannot be "
                        + "written as JSON for mailbox [ledger:" + account + "]; nothing was enqueued")
                .withMessageContaining("cannot show boom");
        assertThat(this.mailboxes.depth("ledger", account)).isZero();
        assertThat(this.mailboxes.deadLetters("ledger", account)).isEmpty();
    }

    @Test
    void shouldRefuseAFrameOverTheSizeLimitNamingTheMailbox() {
        String account = account();
        Snapshot big = new Snapshot(
                account,
                List.of(),
                Map.of(),
                Optional.of("x".repeat(5000)),
                Instant.EPOCH,
                LocalDate.EPOCH,
                Duration.ZERO,
                null);
        assertThatExceptionOfType(FrameTooLargeException.class)
                .isThrownBy(() -> this.ledger.echo(account, big))
                .withMessageContaining("mailbox [ledger:" + account + "]")
                .withMessageContaining("over the limit of 4096 bytes");
        assertThat(this.mailboxes.depth("ledger", account)).isZero();
    }

    @Test
    void shouldDeadLetterAFrameNamingAMethodTheBeanNoLongerHas() {
        String account = account();
        String renamed = "{\"bean\":\"ledger\",\"method\":\"appendRenamed(java.lang.String)\",\"args\":[\"x\"]}";
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> this.mailboxes.call("ledger", account, renamed))
                .withMessageContaining("names method [appendRenamed(java.lang.String)] of bean [ledger]");
        String gone = "{\"bean\":\"ledgerV1\",\"method\":\"append(java.lang.String)\",\"args\":[\"x\"]}";
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> this.mailboxes.call("ledger", account, gone));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> this.mailboxes.deadLetters("ledger", account).size() == 2);
        List<DeadLetter> dead = this.mailboxes.deadLetters("ledger", account);
        assertThat(dead.get(0).reason())
                .contains("which has no @Mailbox(type = \"ledger\") method of that signature")
                .contains("append(java.lang.String,dev.holdfast.lock.spring.mailbox.Ledger$Entry)");
        assertThat(dead.get(0).frame().payload()).isEqualTo(renamed);
        assertThat(dead.get(1).reason()).contains("names bean [ledgerV1], which this application does not have");
        // The mailbox keeps working behind them
        assertThat(this.ledger.append(account, new Entry("after", 0))).isEqualTo("after#0@0");
    }
}
