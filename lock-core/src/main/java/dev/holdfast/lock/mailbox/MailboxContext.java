package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The frame running on this thread: its mailbox, call id, the mailbox lock's fencing token (to fence writes made by
 * the frame) and which attempt this is.
 *
 * @param mailbox the mailbox
 * @param callId the frame's call id
 * @param token the fencing token of the mailbox lock held while it runs
 * @param attempt 1 for the first run; more when the frame is run again after a failure or a holder's crash
 * @param chain the mailboxes the call came through, outermost first (not including {@code mailbox})
 */
public record MailboxContext(LockKey mailbox, String callId, long token, int attempt, List<LockKey> chain) {

    private static final ThreadLocal<Deque<MailboxContext>> running = ThreadLocal.withInitial(ArrayDeque::new);

    public MailboxContext {
        chain = List.copyOf(chain);
    }

    /**
     * Return the frame running on this thread, the innermost when a frame's call runs another mailbox's frames.
     *
     * @return the frame, or empty outside a frame
     */
    public static Optional<MailboxContext> current() {
        return Optional.ofNullable(running.get().peekFirst());
    }

    /**
     * Return whether this run is a redelivery: the frame was begun before (it failed, or its holder stopped).
     *
     * @return {@code true} after the first attempt
     */
    public boolean redelivery() {
        return attempt > 1;
    }

    /** Return the chain a call made from this frame carries: this frame's chain and its mailbox. */
    List<LockKey> path() {
        List<LockKey> path = new ArrayList<>(chain);
        path.add(mailbox);
        return path;
    }

    /** Return the mailboxes whose frames run on this thread, outermost first. */
    static List<LockKey> heldByThisThread() {
        List<LockKey> held = new ArrayList<>();
        running.get().descendingIterator().forEachRemaining((context) -> held.add(context.mailbox()));
        return held;
    }

    static void push(MailboxContext context) {
        running.get().push(context);
    }

    static void pop() {
        Deque<MailboxContext> stack = running.get();
        stack.pop();
        if (stack.isEmpty()) {
            running.remove();
        }
    }
}
