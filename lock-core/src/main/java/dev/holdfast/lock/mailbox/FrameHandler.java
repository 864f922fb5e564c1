package dev.holdfast.lock.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * Runs the frames of one mailbox type: payload in, result payload out, both as the codec writes them. The frame's
 * mailbox, call id, fencing token and attempt are in {@link MailboxContext#current()} while it runs.
 */
@FunctionalInterface
public interface FrameHandler {

    /**
     * Run one frame.
     *
     * @param payload the frame's payload
     * @return the result's payload, or {@code null} for none
     * @throws Exception the failure, handed to the frame's caller (and, at least once, retried)
     */
    @Nullable
    String handle(String payload) throws Exception;
}
