package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockException;

/**
 * Thrown to a mailbox's caller: its frame failed (the handler's exception is the cause), or the call could not be
 * made. The message names the mailbox and the call.
 */
public class MailboxException extends LockException {

    /**
     * Create an exception.
     *
     * @param message what failed, naming the mailbox
     */
    public MailboxException(String message) {
        super(message);
    }

    /**
     * Create an exception with its cause.
     *
     * @param message what failed, naming the mailbox
     * @param cause the handler's exception, or a {@link RemoteFrameFailure} when the frame ran on another instance
     */
    public MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
