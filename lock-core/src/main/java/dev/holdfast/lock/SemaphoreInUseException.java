package dev.holdfast.lock;

/** Thrown when a semaphore is deleted while permits are held; {@link LeasedSemaphore#forceDelete()} deletes anyway. */
public class SemaphoreInUseException extends LockException {

    private final SemaphoreState state;

    /**
     * Create an exception.
     *
     * @param state the semaphore, with its holders
     */
    public SemaphoreInUseException(SemaphoreState state) {
        super("Semaphore [" + state.key() + "] cannot be deleted while permits are held: " + state
                + " (release them, or force the deletion)");
        this.state = state;
    }

    /**
     * Return the semaphore as it was when the deletion was refused.
     *
     * @return the state
     */
    public SemaphoreState state() {
        return state;
    }
}
