package dev.holdfast.lock.spring.actuate.endpoint;

import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The held locks, semaphores and read/write locks the {@code locks} endpoint lists.
 *
 * @param locks the locks (the store's, then those of every {@link HeldLockSource}), sorted by key, at most
 *     {@code limit}
 * @param semaphores the semaphores and held read/write locks, sorted by key, at most {@code limit}
 * @param limit the most of each that were asked for
 * @param truncated whether more locks or semaphores are held than were listed
 */
public record LocksDescriptor(
        List<LockDescriptor> locks, List<SemaphoreDescriptor> semaphores, int limit, boolean truncated)
        implements OperationResponseBody {

    public LocksDescriptor {
        locks = List.copyOf(locks);
        semaphores = List.copyOf(semaphores);
    }
}
