package dev.holdfast.lock.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.DelegatingMailboxStore;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller whose frame its own instance ran gets the result without reading it back from the store, and still gets
 * exactly what the store holds: the handler's value, or its failure with the handler's own exception.
 */
class MailboxLocalResultTests {

    private final InMemoryLockStore memory = new InMemoryLockStore();

    private final CountingStore store = new CountingStore(memory.mailboxStore());

    private final LockTemplate template = LockTemplate.of(memory);

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldAnswerACallRunByItsOwnInstanceWithoutReadingTheResultBack() {
        try (Mailboxes mailboxes = Mailboxes.builder(template, store)
                .register("orders", (payload) -> "done:" + payload)
                .build()) {
            assertThat(mailboxes.call("orders", 7, "a")).isEqualTo("done:a");
            assertThat(mailboxes.call("orders", 7, "b")).isEqualTo("done:b");
            // The runner's dedupe check reads the store once per frame; the callers read nothing.
            assertThat(store.resultReads.get()).isEqualTo(2);
            assertThat(store.depth(new LockKey("orders", "7"))).isZero();
        }
    }

    @Test
    void shouldHandTheHandlersOwnExceptionToACallerWhoseFrameFailedHere() {
        MailboxSettings once =
                MailboxSettings.builder().attempts(1, Duration.ZERO).build();
        IllegalStateException failure = new IllegalStateException("no stock for order 7");
        try (Mailboxes mailboxes = Mailboxes.builder(template, store)
                .register("orders", once, (payload) -> {
                    throw failure;
                })
                .build()) {
            assertThatExceptionOfType(RetryAttemptsExceededException.class)
                    .isThrownBy(() -> mailboxes.call("orders", 7, "a"))
                    .withCause(failure);
            assertThat(mailboxes.deadLetters("orders", 7)).hasSize(1);
            assertThat(store.resultReads.get()).isEqualTo(1);
        }
    }

    /** The in-memory store's mailboxes, counting the reads of results. */
    private static final class CountingStore implements DelegatingMailboxStore {

        final AtomicInteger resultReads = new AtomicInteger();

        private final MailboxStore target;

        CountingStore(MailboxStore target) {
            this.target = target;
        }

        @Override
        public MailboxStore mailboxStore() {
            return target;
        }

        @Override
        public Optional<FrameResult> result(String callId) {
            resultReads.incrementAndGet();
            return target.result(callId);
        }

        @Override
        public Optional<FrameResult> result(LockKey mailbox, String callId) {
            resultReads.incrementAndGet();
            return target.result(mailbox, callId);
        }
    }
}
