package dev.holdfast.lock.spring.actuate.endpoint;

import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The held locks the {@code locks} endpoint lists.
 *
 * @param locks the locks, sorted by key, at most {@code limit}
 * @param limit the most that were asked for
 * @param truncated whether more locks are held than were listed
 */
public record LocksDescriptor(List<LockDescriptor> locks, int limit, boolean truncated)
        implements OperationResponseBody {

    public LocksDescriptor {
        locks = List.copyOf(locks);
    }
}
