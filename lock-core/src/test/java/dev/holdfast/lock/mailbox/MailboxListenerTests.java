package dev.holdfast.lock.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxListener.Outcome;
import dev.holdfast.lock.mailbox.MailboxListener.Refusal;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a {@link MailboxListener} is told, in order, and that a listener that throws breaks nothing. */
class MailboxListenerTests {

    private static final MailboxSettings RETRY_TWICE =
            MailboxSettings.builder().attempts(2, Duration.ZERO).build();

    private final InMemoryLockStore store = new InMemoryLockStore();

    private final LockTemplate template = LockTemplate.of(store);

    private final Recording recorded = new Recording();

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldTellEnqueueRunAndOutcomeOfEachAttemptInOrder() {
        try (Mailboxes mailboxes = mailboxes(RETRY_TWICE, new Throwing(), recorded)) {
            assertThat(mailboxes.call("orders", 1, "ok")).isEqualTo("done:ok");
            assertThatExceptionOfType(RetryAttemptsExceededException.class)
                    .isThrownBy(() -> mailboxes.call("orders", 1, "poison"));
        }
        assertThat(recorded.events)
                .containsExactly(
                        "enqueued orders:1",
                        "started orders:1 #1",
                        "finished orders:1 #1 SUCCEEDED",
                        "enqueued orders:1",
                        "started orders:1 #1",
                        "finished orders:1 #1 FAILED_WILL_RETRY",
                        "started orders:1 #2",
                        "finished orders:1 #2 DEAD_LETTERED");
        assertThat(recorded.durations)
                .hasSize(3)
                .allSatisfy((duration) -> assertThat(duration).isPositive());
    }

    @Test
    void shouldTellAnAtMostOnceFailure() {
        MailboxSettings atMostOnce =
                MailboxSettings.builder().mode(DeliveryMode.AT_MOST_ONCE).build();
        try (Mailboxes mailboxes = mailboxes(atMostOnce, recorded)) {
            assertThatExceptionOfType(MailboxException.class).isThrownBy(() -> mailboxes.call("orders", 2, "poison"));
        }
        assertThat(recorded.events)
                .containsExactly(
                        "enqueued orders:2", "started orders:2 #1", "finished orders:2 #1 FAILED_AT_MOST_ONCE");
    }

    @Test
    void shouldTellRefusalsOfAFullMailboxAndATooLargeFrame() throws Exception {
        MailboxSettings small =
                MailboxSettings.builder().maxDepth(1).maxFrameSize(8).build();
        try (Mailboxes mailboxes = mailboxes(small, recorded)) {
            CompletableFuture<String> queued;
            try (Lease held = holdMailbox(new LockKey("orders", "3"))) {
                queued = mailboxes.callAsync("orders", 3, "ok");
                assertThatExceptionOfType(MailboxFullException.class)
                        .isThrownBy(() -> mailboxes.callAsync("orders", 3, "ok"));
                assertThatExceptionOfType(FrameTooLargeException.class)
                        .isThrownBy(() -> mailboxes.call("orders", 3, "far too large"));
            }
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("done:ok");
        }
        assertThat(recorded.events)
                .startsWith("enqueued orders:3", "refused orders:3 FULL", "refused orders:3 TOO_LARGE");
    }

    @Test
    void shouldTellARedeliveryOnlyWhenAnEarlierHolderStoppedMidFrame() {
        LockKey mailbox = new LockKey("orders", "4");
        MailboxFrame frame = new MailboxFrame("call-4", mailbox, "ok", List.of(), 0, Instant.now());
        assertThat(store.enqueue(frame, 10)).isTrue();
        try (Lease stopped = holdMailbox(mailbox)) {
            // An earlier holder begins the frame, then stops before it settles it
            assertThat(store.begin(mailbox, "call-4", stopped.token())).isPresent();
        }
        try (Mailboxes mailboxes = mailboxes(RETRY_TWICE, recorded)) {
            assertThat(mailboxes.drain("orders", 4)).isEqualTo(1);
        }
        assertThat(recorded.events)
                .containsExactly("redelivered orders:4 #2", "started orders:4 #2", "finished orders:4 #2 SUCCEEDED");
    }

    private Mailboxes mailboxes(MailboxSettings settings, MailboxListener... listeners) {
        MailboxesBuilder builder = Mailboxes.builder(template, store)
                .callTimeout(Duration.ofSeconds(10))
                .register("orders", settings, (payload) -> {
                    if (payload.equals("poison")) {
                        throw new IllegalStateException("cannot apply " + payload);
                    }
                    return "done:" + payload;
                });
        for (MailboxListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private Lease holdMailbox(LockKey mailbox) {
        return template.acquire(LockRequest.of(MailboxStore.lockKey(mailbox))
                .owner("test-holder")
                .lease(Duration.ofMinutes(1))
                .autoRenew(false)
                .build());
    }

    /** Records each event as text, and the durations of finished runs. */
    private static final class Recording implements MailboxListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        final List<Duration> durations = new CopyOnWriteArrayList<>();

        @Override
        public void onEnqueued(LockKey mailbox, String callId) {
            events.add("enqueued " + mailbox);
        }

        @Override
        public void onRefused(LockKey mailbox, Refusal refusal) {
            events.add("refused " + mailbox + " " + refusal);
        }

        @Override
        public void onFrameStarted(MailboxContext frame) {
            events.add("started " + frame.mailbox() + " #" + frame.attempt());
        }

        @Override
        public void onRedelivered(MailboxContext frame) {
            events.add("redelivered " + frame.mailbox() + " #" + frame.attempt());
        }

        @Override
        public void onFrameFinished(MailboxContext frame, Outcome outcome, Duration duration) {
            events.add("finished " + frame.mailbox() + " #" + frame.attempt() + " " + outcome);
            durations.add(duration);
        }
    }

    /** Fails on every event: the frames and the other listeners must not notice. */
    private static final class Throwing implements MailboxListener {

        @Override
        public void onEnqueued(LockKey mailbox, String callId) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void onFrameStarted(MailboxContext frame) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void onFrameFinished(MailboxContext frame, Outcome outcome, Duration duration) {
            throw new IllegalStateException("listener down");
        }
    }
}
