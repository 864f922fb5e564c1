package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;

/**
 * Thrown to the caller of an at-least-once frame that failed on every attempt allowed: the frame is now in its
 * mailbox's dead letters (to requeue or discard), and the cause is the last failure.
 */
public class RetryAttemptsExceededException extends MailboxException {

    private final LockKey mailbox;

    private final int attempts;

    /**
     * Create an exception.
     *
     * @param mailbox the mailbox
     * @param callId the call
     * @param attempts the attempts made
     * @param cause the last failure
     */
    public RetryAttemptsExceededException(LockKey mailbox, String callId, int attempts, Throwable cause) {
        super(
                "Call [" + callId + "] in mailbox [" + mailbox + "] failed " + attempts
                        + " attempt(s) and was moved to " + "the dead letters; last failure: " + cause.getMessage(),
                cause);
        this.mailbox = mailbox;
        this.attempts = attempts;
    }

    /**
     * Return the mailbox whose dead letters hold the frame.
     *
     * @return the mailbox
     */
    public LockKey mailbox() {
        return mailbox;
    }

    /**
     * Return how many attempts were made.
     *
     * @return the attempts
     */
    public int attempts() {
        return attempts;
    }
}
