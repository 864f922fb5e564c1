package dev.holdfast.lock.spi;

import org.jspecify.annotations.Nullable;

/** What a frame's run left for its caller, kept by a {@link MailboxStore} by call id until it expires. */
public sealed interface FrameResult {

    /**
     * The handler returned.
     *
     * @param payload the result as the codec wrote it, or {@code null} for none
     */
    record Returned(@Nullable String payload) implements FrameResult {}

    /**
     * The handler threw, or the frame ran out of attempts and was moved to the dead letters.
     *
     * @param exceptionType the class name of what the handler threw
     * @param message its message, or {@code null}
     * @param attempts how many times the frame ran
     * @param deadLettered whether the frame was moved to the dead letters (attempts exhausted)
     */
    record Failed(String exceptionType, @Nullable String message, int attempts, boolean deadLettered)
            implements FrameResult {

        /**
         * Describe the failure for a message or a dead letter's reason.
         *
         * @return the exception type and message
         */
        public String describe() {
            return (message != null) ? exceptionType + ": " + message : exceptionType;
        }
    }
}
