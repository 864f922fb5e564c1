package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Locks held outside the template's store that the {@code locks} endpoint lists with the store's own, such as the
 * database module's offline locks. Declare one as a bean to have its locks listed.
 *
 * <p>Implementations are thread-safe; a failure is the endpoint's failure.
 */
public interface HeldLockSource {

    /**
     * Return the kind of the locks listed, the {@code kind} of their descriptors.
     *
     * @return the kind, such as {@link LockKind#OFFLINE}
     */
    LockKind kind();

    /**
     * List held locks.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return, at least 1
     * @return the locks, at most {@code limit}
     */
    List<LockState> list(@Nullable String namespace, int limit);
}
