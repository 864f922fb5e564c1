package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;

/** Thrown when a call's payload is larger than its mailbox type allows; nothing is enqueued. */
public class FrameTooLargeException extends MailboxException {

    /**
     * Create an exception.
     *
     * @param mailbox the mailbox
     * @param size the payload's size in UTF-8 bytes
     * @param maxFrameSize the limit
     */
    public FrameTooLargeException(LockKey mailbox, int size, int maxFrameSize) {
        super("Frame for mailbox [" + mailbox + "] is " + size + " bytes, over the limit of " + maxFrameSize
                + " bytes (setting 'maxFrameSize'); the call was not enqueued");
    }
}
