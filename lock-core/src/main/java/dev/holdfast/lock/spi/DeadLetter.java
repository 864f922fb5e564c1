package dev.holdfast.lock.spi;

import java.time.Instant;

/**
 * A frame moved out of its mailbox after its last attempt failed, kept until requeued or discarded.
 *
 * @param frame the frame, with the attempts it had
 * @param reason why it failed: the last failure's type and message
 * @param deadAt when it was moved, by the store's clock
 */
public record DeadLetter(MailboxFrame frame, String reason, Instant deadAt) {}
