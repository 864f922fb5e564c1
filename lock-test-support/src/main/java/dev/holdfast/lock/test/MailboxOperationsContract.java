package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxInspector;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mailbox contract's reads for operators: a type's summary (frames, mailboxes, the oldest head frame's enqueue
 * time, dead letters) counted by the store, the mailboxes holding dead letters, and who runs a mailbox now. Implement
 * it beside {@link MailboxContract}.
 */
public interface MailboxOperationsContract extends MailboxFixture {

    /** Settings that dead-letter a failing frame on its first attempt. */
    MailboxSettings ONE_ATTEMPT =
            SETTINGS.toBuilder().attempts(1, Duration.ZERO).build();

    @Test
    default void shouldSummariseATypeAcrossItsMailboxes() {
        assertThat(mailboxStore().summary(type())).isEqualTo(MailboxSummary.empty(type()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        enqueue("a", "a-1", now.minusSeconds(30));
        enqueue("a", "a-2", now.minusSeconds(5));
        enqueue("b", "b-1", now.minusSeconds(60));
        // Another type whose name starts with this one's: never counted
        LockKey other = new LockKey(type() + "x", "a");
        MailboxFrame otherFrame = new MailboxFrame(type() + "-o-1", other, "o", List.of(), 0, now.minusSeconds(600));
        assertThat(mailboxStore().enqueue(otherFrame, 10)).isTrue();
        Mailboxes mailboxes = mailboxes(ONE_ATTEMPT, (payload) -> {
            throw new IllegalStateException("cannot apply " + payload);
        });
        for (String id : List.of("c", "c", "d")) {
            assertThatExceptionOfType(RetryAttemptsExceededException.class)
                    .isThrownBy(() -> mailboxes.call(type(), id, "poison"));
        }

        MailboxSummary summary = mailboxStore().summary(type());

        assertThat(summary).isEqualTo(new MailboxSummary(type(), 3, 2, now.minusSeconds(60), 3, 2));
        assertThat(summary.oldestAge(now)).contains(Duration.ofSeconds(60));
        assertThat(mailboxStore().mailboxesWithWork(type(), 10)).containsExactlyInAnyOrder(mailbox("a"), mailbox("b"));
        assertThat(mailboxStore().mailboxesWithDeadLetters(type(), 10))
                .containsExactlyInAnyOrder(mailbox("c"), mailbox("d"));
        assertThat(mailboxStore().mailboxesWithDeadLetters(type(), 1)).hasSize(1);
        assertThat(mailboxes.inspector().mailboxes(type(), 10)).containsExactly("a", "b", "c", "d");
        Mailboxes drains = track(Mailboxes.builder(template(), mailboxStore())
                .register(type(), SETTINGS, (payload) -> "done")
                .register(other.namespace(), SETTINGS, (payload) -> "done")
                .callTimeout(PATIENCE)
                .build());
        assertThat(drains.drain(type(), "a") + drains.drain(type(), "b") + drains.drain(other.namespace(), "a"))
                .isEqualTo(4);
        assertThat(mailboxStore().summary(type()).depth()).isZero();
    }

    @Test
    default void shouldForgetADeadLetterInTheSummaryOnceRequeuedAndRun() {
        Mailboxes failing = mailboxes(ONE_ATTEMPT, (payload) -> {
            throw new IllegalStateException("cannot apply " + payload);
        });
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> failing.call(type(), "e", "poison"));
        assertThat(mailboxStore().summary(type()).deadLetters()).isEqualTo(1);
        String callId = failing.deadLetters(type(), "e").get(0).frame().callId();

        assertThat(failing.requeue(type(), "e", callId)).isTrue();

        MailboxSummary requeued = mailboxStore().summary(type());
        assertThat(requeued.deadLetters()).isZero();
        assertThat(requeued.mailboxesWithDeadLetters()).isZero();
        assertThat(requeued.depth()).isEqualTo(1);
        assertThat(mailboxStore().mailboxesWithDeadLetters(type(), 10)).isEmpty();
        Mailboxes healed = mailboxes(ONE_ATTEMPT, (payload) -> "done:" + payload);
        assertThat(healed.drain(type(), "e")).isEqualTo(1);
        assertThat(mailboxStore().summary(type())).isEqualTo(MailboxSummary.empty(type()));
    }

    @Test
    default void shouldShowWhoRunsAMailboxAndTheFrameItBegan() {
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> "done:" + payload);
        MailboxInspector inspector = mailboxes.inspector();
        assertThat(inspector.types()).containsExactly(type());
        assertThat(inspector.running(type(), "f")).isEmpty();
        enqueue("f", "f-1", Instant.now());
        try (Lease held = holdMailbox("f")) {
            assertThat(inspector.running(type(), "f")).hasValueSatisfying((running) -> {
                assertThat(running.holder()).isEqualTo("contract-holder");
                assertThat(running.token()).isEqualTo(held.token());
                assertThat(running.callId()).isNull();
            });
            assertThat(mailboxStore().begin(mailbox("f"), type() + "-f-1", held.token()))
                    .isPresent();
            assertThat(inspector.running(type(), "f")).hasValueSatisfying((running) -> {
                assertThat(running.callId()).isEqualTo(type() + "-f-1");
                assertThat(running.attempt()).isEqualTo(1);
                assertThat(running.leaseRemaining()).isPositive();
            });
        }
        assertThat(inspector.running(type(), "f")).isEmpty();
        assertThat(mailboxes.drain(type(), "f")).isEqualTo(1);
    }

    /** Enqueue a frame whose call id is unique to this test, {@code <type>-<callId>}: call ids are global. */
    private void enqueue(String id, String callId, Instant enqueuedAt) {
        MailboxFrame frame =
                new MailboxFrame(type() + "-" + callId, mailbox(id), "payload of " + callId, List.of(), 0, enqueuedAt);
        assertThat(mailboxStore().enqueue(frame, 10)).isTrue();
    }
}
