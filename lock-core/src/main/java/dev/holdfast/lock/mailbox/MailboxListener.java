package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import java.time.Duration;

/**
 * Told what the mailboxes of this instance do: frames enqueued or refused, and frames run (started, redelivered,
 * finished with an {@link Outcome} and a duration). Registered with {@link MailboxesBuilder#listener}; every method
 * does nothing unless overridden. Called on the thread that enqueues or runs the frame, so keep it quick; a listener
 * that throws is logged and never breaks a call or a frame.
 */
public interface MailboxListener {

    /** Why an enqueue was refused. */
    enum Refusal {
        /** The mailbox held its most frames ({@link MailboxFullException}). */
        FULL,
        /** The frame was over the type's size limit ({@link FrameTooLargeException}). */
        TOO_LARGE
    }

    /** How a run of a frame ended. */
    enum Outcome {
        /** The handler returned. */
        SUCCEEDED,
        /** The handler failed an at-least-once frame that has attempts left: it runs again. */
        FAILED_WILL_RETRY,
        /** The handler failed an at-least-once frame's last attempt: it moved to the dead letters. */
        DEAD_LETTERED,
        /** The handler failed an at-most-once frame: it is not run again. */
        FAILED_AT_MOST_ONCE
    }

    /**
     * A frame was appended to its mailbox.
     *
     * @param mailbox the mailbox
     * @param callId the frame's call id
     */
    default void onEnqueued(LockKey mailbox, String callId) {}

    /**
     * A call was refused before anything was written.
     *
     * @param mailbox the mailbox
     * @param refusal why
     */
    default void onRefused(LockKey mailbox, Refusal refusal) {}

    /**
     * A frame is about to run on this instance.
     *
     * @param frame the frame's context: mailbox, call id, attempt
     */
    default void onFrameStarted(MailboxContext frame) {}

    /**
     * A frame begun before by a holder that stopped mid-frame (it crashed, or lost its lease) is run again here.
     * Called before {@link #onFrameStarted}; retries of one holder after a failure are not redeliveries.
     *
     * @param frame the frame's context: mailbox, call id, attempt
     */
    default void onRedelivered(MailboxContext frame) {}

    /**
     * A frame's run ended.
     *
     * @param frame the frame's context: mailbox, call id, attempt
     * @param outcome how it ended
     * @param duration how long the handler ran
     */
    default void onFrameFinished(MailboxContext frame, Outcome outcome, Duration duration) {}
}
