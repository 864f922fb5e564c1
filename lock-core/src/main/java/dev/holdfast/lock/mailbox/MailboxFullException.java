package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;

/** Thrown when a call is refused because its mailbox already holds as many frames as its depth allows. */
public class MailboxFullException extends MailboxException {

    /**
     * Create an exception.
     *
     * @param mailbox the mailbox
     * @param maxDepth its depth limit
     */
    public MailboxFullException(LockKey mailbox, int maxDepth) {
        super("Mailbox [" + mailbox + "] is full: it holds its limit of " + maxDepth
                + " frame(s) (setting 'maxDepth'); the call was not enqueued");
    }
}
