package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Redis store's encoding of frames and results reads back exactly, whatever the payload, ids and messages hold. */
class MailboxCodecTests {

    private static final LockKey MAILBOX = new LockKey("order", "42");

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "12:", "{\"a\":1}", "ünïcødé 锁\nline", "3:abc-"})
    void shouldReadBackAFrameAndItsChain(String text) {
        List<LockKey> chain = List.of(new LockKey("a", "3:x{y}-"), new LockKey("b.c", "1:2"));
        Instant enqueuedAt = Instant.parse("2026-12-04T23:41:18.123456789Z");
        MailboxFrame frame = new MailboxFrame("call-1", MAILBOX, text, chain, 2, enqueuedAt);

        MailboxFrame read = MailboxCodec.frame("call-1", MAILBOX, MailboxCodec.frame(frame), 2);

        assertThat(read).isEqualTo(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "R", "1:F", "ünïcødé 锁"})
    void shouldReadBackResults(String text) {
        List<FrameResult> results = List.of(
                new FrameResult.Returned(text),
                new FrameResult.Returned(null),
                new FrameResult.Failed("java.lang.IllegalStateException", text, 3, true),
                new FrameResult.Failed("E", null, 1, false));

        assertThat(results)
                .allSatisfy((result) -> assertThat(MailboxCodec.result(MailboxCodec.result(result)))
                        .isEqualTo(result));
    }
}
