package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockException;

/** Thrown when an offline lock is refused where the caller needs it, as by {@code withLock}. */
public class OfflineLockRefusedException extends LockException {

    private final OfflineLockResult.Refused refusal;

    /**
     * Create the exception.
     *
     * @param refusal who holds the target, and why
     */
    public OfflineLockRefusedException(OfflineLockResult.Refused refusal) {
        super(refusal.describe());
        this.refusal = refusal;
    }

    /**
     * Return who holds the target, and why.
     *
     * @return the refusal
     */
    public OfflineLockResult.Refused getRefusal() {
        return this.refusal;
    }
}
