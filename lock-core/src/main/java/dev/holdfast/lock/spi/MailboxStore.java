package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where mailboxes live, beside a {@link LockStore} of the same back end: per mailbox a FIFO queue of
 * {@link MailboxFrame frames} and a list of {@link DeadLetter dead letters}, and results by call id that expire.
 *
 * <p>Each method is one atomic step on the store. The steps that change a mailbox's queue on behalf of its runner
 * ({@link #begin}, {@link #take}, {@link #complete}, {@link #deadLetter}) carry the fencing token of the mailbox lock
 * (a lease on {@link #lockKey(LockKey)}) and do nothing when the lock is no longer held with that token, so a holder
 * that paused past its lease cannot remove or overwrite what the next holder does. A result is never written twice
 * for one call id: a frame whose call id has a result is removed without running again (dedupe).
 *
 * <p>Waiting follows the store's waiting protocol ({@link #watch}): a store that is told of results and releases
 * wakes its waiters; others poll with backoff.
 */
public interface MailboxStore {

    /**
     * Return the key of the lock that guards a mailbox: namespace {@code mailbox.<type>}, the mailbox's id.
     *
     * @param mailbox the mailbox
     * @return the lock's key
     */
    static LockKey lockKey(LockKey mailbox) {
        return new LockKey("mailbox." + mailbox.namespace(), mailbox.id());
    }

    /**
     * Append a frame at the tail of its mailbox, unless the mailbox already holds {@code maxDepth} frames.
     *
     * @param frame the frame
     * @param maxDepth the most frames the mailbox may hold
     * @return {@code true} when appended, {@code false} when the mailbox is full (nothing written)
     */
    boolean enqueue(MailboxFrame frame, int maxDepth);

    /**
     * Return the frame at the head of a mailbox.
     *
     * @param mailbox the mailbox
     * @return the oldest frame, or empty when the mailbox has none
     */
    Optional<MailboxFrame> head(LockKey mailbox);

    /**
     * Return how many frames wait in a mailbox.
     *
     * @param mailbox the mailbox
     * @return the depth
     */
    int depth(LockKey mailbox);

    /**
     * Count one more attempt of the head frame before running it (at-least-once): a frame found with attempts made
     * and no result is a redelivery.
     *
     * @param mailbox the mailbox
     * @param callId the head frame's call id
     * @param token the mailbox lock's fencing token
     * @return the frame as updated, or empty when it is no longer the head or the token no longer holds the lock
     */
    Optional<MailboxFrame> begin(LockKey mailbox, String callId, long token);

    /**
     * Remove the head frame before running it (at-most-once).
     *
     * @param mailbox the mailbox
     * @param callId the head frame's call id
     * @param token the mailbox lock's fencing token
     * @return the frame as removed, or empty when it is no longer the head or the token no longer holds the lock
     */
    Optional<MailboxFrame> take(LockKey mailbox, String callId, long token);

    /**
     * Remove a frame (if still queued) and write its result, in one step. When the call id already has a result, that
     * one stays and only the frame is removed. The token is checked while the frame is queued; the result of a frame
     * already {@link #take taken} belongs to its taker and is written whoever holds the lock now.
     *
     * @param mailbox the mailbox
     * @param callId the frame's call id
     * @param token the mailbox lock's fencing token
     * @param result the result
     * @param ttl how long the result is kept for its caller
     * @return {@code false} when the frame is queued and the token no longer holds the lock (nothing written)
     */
    boolean complete(LockKey mailbox, String callId, long token, FrameResult result, Duration ttl);

    /**
     * Move a frame from the queue to the mailbox's dead letters with its reason and write its failure as its result,
     * in one step.
     *
     * @param mailbox the mailbox
     * @param callId the frame's call id
     * @param token the mailbox lock's fencing token
     * @param failure the last failure, with {@link FrameResult.Failed#deadLettered()} set
     * @param ttl how long the result is kept for its caller
     * @return {@code false} when the frame is not queued or the token no longer holds the lock (nothing written)
     */
    boolean deadLetter(LockKey mailbox, String callId, long token, FrameResult.Failed failure, Duration ttl);

    /**
     * Return the result of a call, unless expired.
     *
     * @param callId the call id
     * @return the result, or empty when none was written or it expired
     */
    Optional<FrameResult> result(String callId);

    /**
     * Return the result of a call of a known mailbox, unless expired: as {@link #result(String)}, in fewer steps on a
     * store that keeps results by mailbox (Redis: one read in the mailbox's slot instead of two).
     *
     * @param mailbox the mailbox the call was enqueued in
     * @param callId the call id
     * @return the result, or empty when none was written or it expired
     */
    default Optional<FrameResult> result(LockKey mailbox, String callId) {
        return result(callId);
    }

    /**
     * List the mailboxes of a type that hold frames.
     *
     * @param type the mailbox type (the mailboxes' namespace)
     * @param limit the most to return
     * @return mailboxes with work, at most {@code limit}, in no particular order
     */
    List<LockKey> mailboxesWithWork(String type, int limit);

    /**
     * List the mailboxes of a type that hold dead letters.
     *
     * @param type the mailbox type (the mailboxes' namespace)
     * @param limit the most to return
     * @return mailboxes with dead letters, at most {@code limit}, in no particular order
     */
    List<LockKey> mailboxesWithDeadLetters(String type, int limit);

    /**
     * Count what the mailboxes of a type hold: frames, the oldest head frame's enqueue time and dead letters, in one
     * query (or, where the store spreads a type's mailboxes over keys, one scan and one read per mailbox found).
     *
     * @param type the mailbox type (the mailboxes' namespace)
     * @return the summary
     */
    MailboxSummary summary(String type);

    /**
     * List a mailbox's dead letters, oldest first.
     *
     * @param mailbox the mailbox
     * @return the dead letters
     */
    List<DeadLetter> deadLetters(LockKey mailbox);

    /**
     * Move a dead letter back to the tail of its mailbox with no attempts made, dropping its failure result so that
     * it runs again.
     *
     * @param mailbox the mailbox
     * @param callId the dead letter's call id
     * @return {@code false} when there is no such dead letter
     */
    boolean requeue(LockKey mailbox, String callId);

    /**
     * Drop a dead letter for good.
     *
     * @param mailbox the mailbox
     * @param callId the dead letter's call id
     * @return {@code false} when there is no such dead letter
     */
    boolean discard(LockKey mailbox, String callId);

    /**
     * Open a watch for a caller of a mailbox: woken when its own call's result is written, and (one caller at a time)
     * when the mailbox's lock is released.
     *
     * @param mailbox the mailbox
     * @param callId the caller's call id, or {@code null} for a drain, which waits for the lock only
     * @return the watch, to close when done waiting
     */
    MailboxWatch watch(LockKey mailbox, @Nullable String callId);
}
