package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxSummary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What an operator reads of the mailboxes (for metrics, the {@code mailboxes} endpoint and health), across every
 * instance sharing the store: the registered types, a summary per type, the mailboxes holding frames or dead letters,
 * and who runs a mailbox now. Each call reads the store; nothing is cached. Thread-safe.
 */
public final class MailboxInspector {

    private final LockOperations locks;

    private final MailboxStore store;

    private final List<String> types;

    MailboxInspector(LockOperations locks, MailboxStore store, Set<String> types) {
        this.locks = locks;
        this.store = store;
        this.types = List.copyOf(new TreeSet<>(types));
    }

    /**
     * Return the registered mailbox types, sorted.
     *
     * @return the types
     */
    public List<String> types() {
        return types;
    }

    /**
     * Count what a type's mailboxes hold: frames, the oldest head frame's enqueue time, dead letters.
     *
     * @param type the mailbox type
     * @return the summary
     * @throws IllegalArgumentException when the type is not registered
     */
    public MailboxSummary summary(String type) {
        return store.summary(registered(type));
    }

    /**
     * List the ids of a type's mailboxes that hold frames or dead letters, sorted.
     *
     * @param type the mailbox type
     * @param limit the most of each kind to read (with frames, with dead letters)
     * @return the ids, at most {@code 2 * limit}
     * @throws IllegalArgumentException when the type is not registered or the limit is below 1
     */
    public List<String> mailboxes(String type, int limit) {
        registered(type);
        if (limit < 1) {
            throw new IllegalArgumentException(
                    "Limit of the mailboxes listed of type [" + type + "] must be at least 1, but was " + limit);
        }
        return Stream.concat(
                        store.mailboxesWithWork(type, limit).stream(),
                        store.mailboxesWithDeadLetters(type, limit).stream())
                .map(LockKey::id)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Return who runs a mailbox now.
     *
     * @param type the mailbox type
     * @param id the entity id
     * @return the holder of the mailbox lock and the frame it has begun, or empty when nobody holds it
     * @throws IllegalArgumentException when the type is not registered
     */
    public Optional<RunningFrame> running(String type, Object id) {
        LockKey mailbox = LockKey.of(registered(type), id);
        return locks.inspect(MailboxStore.lockKey(mailbox)).map((holder) -> {
            Optional<MailboxFrame> begun = store.head(mailbox).filter((head) -> head.attempts() > 0);
            return new RunningFrame(
                    mailbox,
                    holder.owner(),
                    holder.token(),
                    holder.remaining(),
                    begun.map(MailboxFrame::callId).orElse(null),
                    begun.map(MailboxFrame::attempts).orElse(0));
        });
    }

    private String registered(String type) {
        if (!types.contains(type)) {
            throw new IllegalArgumentException(
                    "No handler is registered for mailbox type [" + type + "]; registered: " + types);
        }
        return type;
    }
}
