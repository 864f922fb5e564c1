package dev.holdfast.lock.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the mailboxes of one type hold, across every instance, as a {@link MailboxStore} counts it in one read.
 *
 * @param type the mailbox type
 * @param depth the frames queued in all its mailboxes
 * @param mailboxes how many of its mailboxes hold frames
 * @param oldestEnqueuedAt when the oldest head frame of its mailboxes was enqueued (by the enqueuing instance's
 *     clock), or {@code null} when none holds frames
 * @param deadLetters the dead letters of all its mailboxes
 * @param mailboxesWithDeadLetters how many of its mailboxes hold dead letters
 */
public record MailboxSummary(
        String type,
        long depth,
        long mailboxes,
        @Nullable Instant oldestEnqueuedAt,
        long deadLetters,
        long mailboxesWithDeadLetters) {

    public MailboxSummary {
        if (depth < 0 || mailboxes < 0 || deadLetters < 0 || mailboxesWithDeadLetters < 0) {
            throw new IllegalArgumentException("Summary of mailbox type [" + type + "] must not count below zero: "
                    + depth + " frames in " + mailboxes + " mailboxes, " + deadLetters + " dead letters in "
                    + mailboxesWithDeadLetters + " mailboxes");
        }
    }

    /**
     * Return an empty summary: no frames, no dead letters.
     *
     * @param type the mailbox type
     * @return the summary
     */
    public static MailboxSummary empty(String type) {
        return new MailboxSummary(type, 0, 0, null, 0, 0);
    }

    /**
     * Return how long the oldest head frame has waited since it was enqueued.
     *
     * @param now the time now
     * @return the age (zero when the frame's clock is ahead), or empty when no mailbox holds frames
     */
    public Optional<Duration> oldestAge(Instant now) {
        if (oldestEnqueuedAt == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(oldestEnqueuedAt, now);
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }
}
