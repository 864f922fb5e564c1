package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.DeliveryMode;
import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The mailbox contract's rules of failures (SPEC §7): at-least-once retries then dead letters, at-most-once failures
 * that do not block, dedupe by call id, results that expire, redelivery in order after a holder stopped mid-frame,
 * and requeue and discard of dead letters. Implement it beside {@link MailboxContract}.
 */
public interface MailboxDeliveryContract extends MailboxFixture {

    @Test
    default void shouldRetryAnAtLeastOnceFrameThenMoveItToTheDeadLetters() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            MailboxContext context = MailboxContext.current().orElseThrow();
            attempts.add(payload + "#" + context.attempt() + (context.redelivery() ? " redelivered" : ""));
            if (payload.equals("poison")) {
                throw new IllegalStateException("cannot apply " + payload);
            }
            return "done:" + payload;
        });
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(type(), "acct", "poison"))
                .withMessageContaining("[" + mailbox("acct") + "]")
                .withMessageContaining("3 attempt(s)")
                .withCauseInstanceOf(IllegalStateException.class)
                .satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(3));
        assertThat(attempts).containsExactly("poison#1", "poison#2 redelivered", "poison#3 redelivered");
        List<DeadLetter> dead = mailboxes.deadLetters(type(), "acct");
        assertThat(dead).singleElement().satisfies((letter) -> {
            assertThat(letter.reason()).contains("IllegalStateException").contains("cannot apply poison");
            assertThat(letter.frame().payload()).isEqualTo("poison");
            assertThat(letter.frame().attempts()).isEqualTo(3);
        });
        assertThat(mailboxes.call(type(), "acct", "next")).isEqualTo("done:next");
        assertThat(mailboxes.depth(type(), "acct")).isZero();
    }

    @Test
    default void shouldReturnTheResultOfAnAttemptThatSucceedsAfterFailures() {
        AtomicInteger runs = new AtomicInteger();
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky " + runs.get());
            }
            return "done on attempt " + MailboxContext.current().orElseThrow().attempt();
        });
        assertThat(mailboxes.call(type(), "acct", "x")).isEqualTo("done on attempt 3");
        assertThat(mailboxes.deadLetters(type(), "acct")).isEmpty();
    }

    @Test
    default void shouldNotBlockTheMailboxWhenAnAtMostOnceFrameFails() {
        AtomicInteger poisonRuns = new AtomicInteger();
        Mailboxes mailboxes =
                mailboxes(settings().mode(DeliveryMode.AT_MOST_ONCE).build(), (payload) -> {
                    if (payload.equals("poison")) {
                        poisonRuns.incrementAndGet();
                        throw new IllegalArgumentException("cannot apply " + payload);
                    }
                    return "done:" + payload;
                });
        assertThatExceptionOfType(MailboxException.class)
                .isThrownBy(() -> mailboxes.call(type(), "acct", "poison"))
                .isNotInstanceOf(RetryAttemptsExceededException.class)
                .withMessageContaining("cannot apply poison")
                .withCauseInstanceOf(IllegalArgumentException.class);
        assertThat(poisonRuns).hasValue(1);
        assertThat(mailboxes.call(type(), "acct", "next")).isEqualTo("done:next");
        assertThat(mailboxes.deadLetters(type(), "acct")).isEmpty();
    }

    @Test
    default void shouldNotRunAFrameWhoseCallIdAlreadyHasAResult() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> callId = new AtomicReference<>();
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            callId.set(MailboxContext.current().orElseThrow().callId());
            return payload + " run " + runs.incrementAndGet();
        });
        assertThat(mailboxes.call(type(), "acct", "first")).isEqualTo("first run 1");
        MailboxFrame again = new MailboxFrame(callId.get(), mailbox("acct"), "again", List.of(), 0, Instant.now());
        assertThat(mailboxStore().enqueue(again, 10)).isTrue();
        assertThat(mailboxes.drain(type(), "acct")).isEqualTo(1);
        assertThat(runs).hasValue(1);
        assertThat(mailboxes.depth(type(), "acct")).isZero();
        assertThat(mailboxStore().result(callId.get())).contains(new FrameResult.Returned("first run 1"));
        assertThat(mailboxStore().result(mailbox("acct"), callId.get()))
                .contains(new FrameResult.Returned("first run 1"));
    }

    @Test
    default void shouldExpireResults() {
        AtomicReference<String> callId = new AtomicReference<>();
        Mailboxes mailboxes = mailboxes(settings().resultTtl(SHORT).build(), (payload) -> {
            callId.set(MailboxContext.current().orElseThrow().callId());
            return "done";
        });
        assertThat(mailboxes.call(type(), "acct", "x")).isEqualTo("done");
        assertThat(mailboxStore().result(callId.get())).isPresent();
        await("result of [" + callId.get() + "] expired")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mailboxStore().result(callId.get()).isEmpty());
        assertThat(mailboxStore().result(mailbox("acct"), callId.get())).isEmpty();
    }

    @Test
    default void shouldRedeliverInOrderTheFrameOfAHolderThatStoppedMidFrame() throws Exception {
        List<String> runs = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        FrameHandler handler = (payload) -> {
            MailboxContext context = MailboxContext.current().orElseThrow();
            runs.add(payload + "#" + context.attempt() + (context.redelivery() ? " redelivered" : ""));
            if (payload.equals("first") && context.attempt() == 1) {
                stopped.countDown();
                resume.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            return "done:" + payload;
        };
        LockTemplate stalling = instanceTemplate("node-stalling");
        Mailboxes stallingInstance = instance(stalling, settings().lease(SHORT).build(), handler);
        Mailboxes survivor = instance("node-survivor", SETTINGS, handler);
        CompletableFuture<String> first = stallingInstance.callAsync(type(), "order", "first");
        assertThat(stopped.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        stalling.close();
        CompletableFuture<String> second = survivor.callAsync(type(), "order", "second");
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:second");
        assertThat(runs).containsExactly("first#1", "first#2 redelivered", "second#1");
        resume.countDown();
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:first");
        assertThat(runs).hasSize(3);
        assertThat(mailboxStore().depth(mailbox("order"))).isZero();
    }

    @Test
    default void shouldFailTheCallerOfAnAtMostOnceFrameWhoseHolderStoppedAfterTakingIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Mailboxes mailboxes =
                mailboxes(settings().mode(DeliveryMode.AT_MOST_ONCE).build(), (payload) -> {
                    runs.incrementAndGet();
                    return "done:" + payload;
                });
        CompletableFuture<String> lost;
        try (Lease held = holdMailbox("taken")) {
            lost = mailboxes.callAsync(type(), "taken", "lost");
            awaitDepth("taken", 1);
            MailboxFrame head = mailboxStore().head(mailbox("taken")).orElseThrow();
            // The holder takes the frame (removed before it runs, at most once), then stops without a result.
            assertThat(mailboxStore().take(mailbox("taken"), head.callId(), held.token()))
                    .isPresent();
        }
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> lost.get(PATIENCE.toSeconds() / 2, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOf(MailboxException.class)
                .withMessageContaining("[" + mailbox("taken") + "]")
                .withMessageContaining("taken by a holder that stopped before writing one");
        assertThat(runs).hasValue(0);
        assertThat(mailboxes.call(type(), "taken", "next")).isEqualTo("done:next");
        assertThat(runs).hasValue(1);
    }

    @Test
    default void shouldRequeueAndDiscardDeadLetters() {
        AtomicBoolean poisoned = new AtomicBoolean(true);
        List<String> applied = new CopyOnWriteArrayList<>();
        Mailboxes mailboxes = mailboxes(settings().attempts(1, Duration.ZERO).build(), (payload) -> {
            if (poisoned.get()) {
                throw new IllegalStateException("not now: " + payload);
            }
            applied.add(payload);
            return "applied " + payload;
        });
        for (String payload : List.of("p1", "p2")) {
            assertThatExceptionOfType(RetryAttemptsExceededException.class)
                    .isThrownBy(() -> mailboxes.call(type(), "acct", payload))
                    .withMessageContaining("not now: " + payload);
        }
        List<DeadLetter> dead = mailboxes.deadLetters(type(), "acct");
        assertThat(dead).extracting((letter) -> letter.frame().payload()).containsExactly("p1", "p2");
        String p1 = dead.get(0).frame().callId();
        String p2 = dead.get(1).frame().callId();
        poisoned.set(false);
        assertThat(mailboxes.requeue(type(), "acct", p1)).isTrue();
        assertThat(mailboxes.requeue(type(), "acct", p1)).isFalse();
        assertThat(mailboxes.depth(type(), "acct")).isEqualTo(1);
        assertThat(mailboxes.drain(type(), "acct")).isEqualTo(1);
        assertThat(applied).containsExactly("p1");
        assertThat(mailboxStore().result(p1)).contains(new FrameResult.Returned("applied p1"));
        assertThat(mailboxes.discard(type(), "acct", p2)).isTrue();
        assertThat(mailboxes.discard(type(), "acct", p2)).isFalse();
        assertThat(mailboxes.deadLetters(type(), "acct")).isEmpty();
        assertThat(mailboxes.depth(type(), "acct")).isZero();
        assertThat(applied).containsExactly("p1");
    }
}
