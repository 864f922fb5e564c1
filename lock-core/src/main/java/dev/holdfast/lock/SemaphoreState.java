package dev.holdfast.lock;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a store knows about a semaphore or a read/write lock at one moment.
 *
 * @param key the semaphore
 * @param kind a semaphore or a read/write lock
 * @param size how many permits it has (a read/write lock: {@link Integer#MAX_VALUE})
 * @param fair whether waiters are served in arrival order
 * @param holders the live grants, oldest first
 * @param queued how many waiters stand in its queue (fair semaphores; writers of a read/write lock)
 */
public record SemaphoreState(
        LockKey key, SemaphoreKind kind, int size, boolean fair, List<PermitHolder> holders, int queued) {

    public SemaphoreState {
        holders = List.copyOf(holders);
    }

    /**
     * Return how many permits the live grants hold.
     *
     * @return the permits in use
     */
    public int used() {
        return holders.stream().mapToInt(PermitHolder::permits).sum();
    }

    /**
     * Return how many permits are free now (never below zero, even after the semaphore shrank under its holders).
     *
     * @return the free permits
     */
    public int available() {
        return Math.max(0, size - used());
    }

    /**
     * Return the grant whose lease ends first: the earliest a permit comes back if nobody releases.
     *
     * @return that grant, or empty when nobody holds the semaphore
     */
    public Optional<PermitHolder> nextToExpire() {
        return holders.stream().min(Comparator.comparing(PermitHolder::remaining));
    }

    @Override
    public String toString() {
        return kind + " [" + key + "] " + ((kind == SemaphoreKind.SEMAPHORE) ? used() + "/" + size + " permits" : "")
                + " held by " + holders + ((queued > 0) ? ", " + queued + " queued" : "");
    }
}
