package dev.holdfast.lock;
/** Root of every exception Holdfast throws: unchecked, and its message names the lock and the value at fault. */
public class LockException extends RuntimeException {
    public LockException(String message) {
        super(message);
    }

    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
