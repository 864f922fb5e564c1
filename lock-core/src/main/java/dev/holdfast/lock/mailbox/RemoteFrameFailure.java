package dev.holdfast.lock.mailbox;

/**
 * The cause a caller gets when its frame failed on another instance: the handler's exception type and message as that
 * instance reported them (the exception itself did not travel).
 */
public class RemoteFrameFailure extends RuntimeException {

    private final String exceptionType;

    /**
     * Create a failure.
     *
     * @param exceptionType the class name of the handler's exception
     * @param message the handler's exception's type and message
     */
    public RemoteFrameFailure(String exceptionType, String message) {
        super(message);
        this.exceptionType = exceptionType;
    }

    /**
     * Return the class name of the handler's exception.
     *
     * @return the class name
     */
    public String exceptionType() {
        return exceptionType;
    }
}
