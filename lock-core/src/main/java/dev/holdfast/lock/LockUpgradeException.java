package dev.holdfast.lock;

/**
 * Thrown when a reader of a read/write lock asks for the write hold while other readers hold the read hold: waiting
 * could deadlock (each reader waiting for the others), so the request is refused at once. Release the read hold first.
 */
public class LockUpgradeException extends LockException {

    /**
     * Create an exception.
     *
     * @param message what was refused, naming the lock and the owner
     */
    public LockUpgradeException(String message) {
        super(message);
    }
}
