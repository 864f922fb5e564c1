package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store that keeps mailboxes in a part of its own: every {@link MailboxStore} operation is that part's, so a store
 * that is also a lock store (memory, Redis, the database) implements this and names the part once, instead of
 * repeating each operation.
 */
public interface DelegatingMailboxStore extends MailboxStore {

    /**
     * Return the part of this store that keeps its mailboxes.
     *
     * @return the mailbox part
     */
    MailboxStore mailboxStore();

    @Override
    default boolean enqueue(MailboxFrame frame, int maxDepth) {
        return mailboxStore().enqueue(frame, maxDepth);
    }

    @Override
    default Optional<MailboxFrame> head(LockKey mailbox) {
        return mailboxStore().head(mailbox);
    }

    @Override
    default int depth(LockKey mailbox) {
        return mailboxStore().depth(mailbox);
    }

    @Override
    default Optional<MailboxFrame> begin(LockKey mailbox, String callId, long token) {
        return mailboxStore().begin(mailbox, callId, token);
    }

    @Override
    default Optional<MailboxFrame> take(LockKey mailbox, String callId, long token) {
        return mailboxStore().take(mailbox, callId, token);
    }

    @Override
    default boolean complete(LockKey mailbox, String callId, long token, FrameResult result, Duration ttl) {
        return mailboxStore().complete(mailbox, callId, token, result, ttl);
    }

    @Override
    default boolean deadLetter(LockKey mailbox, String callId, long token, FrameResult.Failed failure, Duration ttl) {
        return mailboxStore().deadLetter(mailbox, callId, token, failure, ttl);
    }

    @Override
    default Optional<FrameResult> result(String callId) {
        return mailboxStore().result(callId);
    }

    @Override
    default Optional<FrameResult> result(LockKey mailbox, String callId) {
        return mailboxStore().result(mailbox, callId);
    }

    @Override
    default List<LockKey> mailboxesWithWork(String type, int limit) {
        return mailboxStore().mailboxesWithWork(type, limit);
    }

    @Override
    default List<LockKey> mailboxesWithDeadLetters(String type, int limit) {
        return mailboxStore().mailboxesWithDeadLetters(type, limit);
    }

    @Override
    default MailboxSummary summary(String type) {
        return mailboxStore().summary(type);
    }

    @Override
    default List<DeadLetter> deadLetters(LockKey mailbox) {
        return mailboxStore().deadLetters(mailbox);
    }

    @Override
    default boolean requeue(LockKey mailbox, String callId) {
        return mailboxStore().requeue(mailbox, callId);
    }

    @Override
    default boolean discard(LockKey mailbox, String callId) {
        return mailboxStore().discard(mailbox, callId);
    }

    @Override
    default MailboxWatch watch(LockKey mailbox, @Nullable String callId) {
        return mailboxStore().watch(mailbox, callId);
    }
}
