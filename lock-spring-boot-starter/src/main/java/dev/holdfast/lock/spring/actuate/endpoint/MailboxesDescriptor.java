package dev.holdfast.lock.spring.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of every registered type, as the {@code mailboxes} endpoint lists them.
 *
 * @param types each type's summary and mailboxes, by type, sorted
 * @param limit the most mailboxes listed of each type
 */
public record MailboxesDescriptor(Map<String, TypeDescriptor> types, int limit) {

    /**
     * One mailbox type: what its mailboxes hold on every instance, and those that hold frames or dead letters.
     *
     * @param depth the frames queued in all its mailboxes
     * @param mailboxesWithWork how many of its mailboxes hold frames
     * @param oldestEnqueuedAt when the oldest head frame was enqueued, or {@code null} when none waits
     * @param deadLetters the dead letters of all its mailboxes
     * @param mailboxesWithDeadLetters how many of its mailboxes hold dead letters
     * @param mailboxes the mailboxes that hold frames or dead letters, by id, at most {@code limit}
     * @param truncated whether more mailboxes hold frames or dead letters than are listed
     */
    public record TypeDescriptor(
            long depth,
            long mailboxesWithWork,
            @Nullable Instant oldestEnqueuedAt,
            long deadLetters,
            long mailboxesWithDeadLetters,
            List<MailboxDescriptor> mailboxes,
            boolean truncated) {}
}
