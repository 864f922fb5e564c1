package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.mailbox.RunningFrame;
import dev.holdfast.lock.spi.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mailbox, as the {@code mailboxes} endpoint shows it.
 *
 * @param type the mailbox type
 * @param id the entity id
 * @param depth the frames queued
 * @param running who runs it now, or {@code null} when nobody holds its lock
 * @param deadLetters its dead letters, oldest first
 */
public record MailboxDescriptor(
        String type, String id, int depth, @Nullable Running running, List<DeadLetterDescriptor> deadLetters) {

    /**
     * Who runs a mailbox now.
     *
     * @param holder the owner of the mailbox lock: {@code <instance id>/mailbox/<run id>}
     * @param token the mailbox lock's fencing token
     * @param remaining the holder's lease time left, by the store's clock when read
     * @param callId the frame begun (at-least-once), or {@code null} between frames and for an at-most-once frame
     * @param attempt that frame's attempt, 0 when {@code callId} is {@code null}
     */
    public record Running(
            String holder,
            long token,
            Duration remaining,
            @Nullable String callId,
            int attempt) {

        static Running of(RunningFrame frame) {
            Duration remaining =
                    frame.leaseRemaining().equals(LockRequest.FOREVER) ? Duration.ZERO : frame.leaseRemaining();
            return new Running(frame.holder(), frame.token(), remaining, frame.callId(), frame.attempt());
        }
    }

    /**
     * A dead letter: a frame moved out of the queue after its last attempt failed.
     *
     * @param callId its call id, to requeue or discard it by
     * @param reason the last failure's type and message
     * @param attempts the attempts it had
     * @param deadAt when it was moved, by the store's clock
     * @param enqueuedAt when it was first enqueued
     * @param size its payload's size in UTF-8 bytes
     */
    public record DeadLetterDescriptor(
            String callId, String reason, int attempts, Instant deadAt, Instant enqueuedAt, int size) {

        static DeadLetterDescriptor of(DeadLetter letter) {
            return new DeadLetterDescriptor(
                    letter.frame().callId(),
                    letter.reason(),
                    letter.frame().attempts(),
                    letter.deadAt(),
                    letter.frame().enqueuedAt(),
                    letter.frame().size());
        }
    }
}
