package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One call waiting in a mailbox: what a {@link MailboxStore} keeps, payload-agnostic.
 *
 * @param callId the call's unique id: its result is found, and a redelivery deduplicated, by it
 * @param mailbox the mailbox: namespace = mailbox type, id = entity id
 * @param payload the call's arguments, as the codec wrote them (JSON, in the starter)
 * @param chain the mailboxes the call came through, outermost first, to detect cycles
 * @param attempts how many times a holder has begun running the frame (0 before its first run)
 * @param enqueuedAt when the frame was enqueued, by the enqueuing instance's clock
 */
public record MailboxFrame(
        String callId, LockKey mailbox, String payload, List<LockKey> chain, int attempts, Instant enqueuedAt) {

    public MailboxFrame {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("Call id of a frame for mailbox [" + mailbox + "] must not be blank");
        }
        chain = List.copyOf(chain);
    }

    /**
     * Return the frame's size as a store counts it: its payload's UTF-8 bytes.
     *
     * @return the size in bytes
     */
    public int size() {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Return the same frame with one more attempt begun.
     *
     * @return the frame with {@code attempts + 1}
     */
    public MailboxFrame begun() {
        return new MailboxFrame(callId, mailbox, payload, chain, attempts + 1, enqueuedAt);
    }

    /**
     * Return the same frame as requeued from the dead letters: no attempt made yet.
     *
     * @return the frame with {@code attempts} 0
     */
    public MailboxFrame requeued() {
        return new MailboxFrame(callId, mailbox, payload, chain, 0, enqueuedAt);
    }
}
