package dev.holdfast.lock.spi;

/** What a store answered to the deletion of a semaphore. */
public enum SemaphoreDeletion {

    /** The semaphore was deleted (with its grants, when forced: their leases are lost). */
    DELETED,

    /** There was no such semaphore. */
    NOT_FOUND,

    /** Permits are held, and the deletion was not forced: nothing changed. */
    IN_USE
}
