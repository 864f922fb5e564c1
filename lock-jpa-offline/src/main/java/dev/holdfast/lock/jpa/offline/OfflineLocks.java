package dev.holdfast.lock.jpa.offline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Pessimistic offline locks: one holder at a time may edit a business object across requests.
 *
 * <p>Every call runs in its own short database transaction, so a caller's rollback neither undoes an acquisition nor
 * a release. Expiry is decided by the database clock. Implementations are thread-safe; database failures surface as
 * Spring {@code DataAccessException}s, never as a grant.
 */
public interface OfflineLocks {

    /**
     * Acquire every target of the request, or none.
     *
     * @param request what to lock, for whom and how
     * @return acquired with the locks, or refused with who holds the first locked target
     */
    OfflineLockResult acquire(OfflineLockRequest request);

    /**
     * Acquire one target reentrantly with the default idle timeout.
     *
     * @param target what to lock
     * @param holder who asks
     * @param reason why, or {@code null}
     * @return acquired or refused
     */
    default OfflineLockResult acquire(LockTarget target, String holder, @Nullable String reason) {
        return acquire(OfflineLockRequest.of(holder, reason, target));
    }

    /**
     * Acquire several targets reentrantly with the default idle timeout: all or none.
     *
     * @param targets what to lock
     * @param holder who asks
     * @param reason why, or {@code null}
     * @return acquired or refused
     */
    default OfflineLockResult acquire(Collection<LockTarget> targets, String holder, @Nullable String reason) {
        return acquire(OfflineLockRequest.of(holder, reason, targets));
    }

    /**
     * Release a target if {@code holder} holds it.
     *
     * @param target the target
     * @param holder the holder
     * @return whether a lock was released
     */
    boolean release(LockTarget target, String holder);

    /**
     * Release a one-time lock.
     *
     * @param target the target
     * @return whether a one-time lock was released
     */
    boolean releaseOneTime(LockTarget target);

    /**
     * Release every lock of a holder, as at logout.
     *
     * @param holder the holder
     * @return how many locks were released
     */
    int releaseAll(String holder);

    /**
     * Return the live lock on a target.
     *
     * @param target the target
     * @return the lock, or empty when the target is free or its lock is stale
     */
    Optional<OfflineLock> find(LockTarget target);

    /**
     * Return the live locks of a holder.
     *
     * @param holder the holder
     * @return the locks, in (type, id) order
     */
    List<OfflineLock> heldBy(String holder);

    /**
     * Acquire, run {@code action}, and release the request's targets whatever happens.
     *
     * @param request what to lock
     * @param action what to do while holding the locks
     * @param <T> the action's result type
     * @return the action's result
     * @throws OfflineLockRefusedException when the locks are refused; the action does not run
     */
    <T> T withLock(OfflineLockRequest request, Supplier<T> action);

    /**
     * Acquire, run {@code action}, and release the request's targets whatever happens.
     *
     * @param request what to lock
     * @param action what to do while holding the locks
     * @throws OfflineLockRefusedException when the locks are refused; the action does not run
     */
    default void withLock(OfflineLockRequest request, Runnable action) {
        withLock(request, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Free stale locks (idle past their expiry by the database clock) and tell the expiry listener.
     *
     * @return how many locks were freed
     */
    int sweep();

    /**
     * Return the target of a JPA entity: its entity name and its id, from the JPA metamodel.
     *
     * @param entity a managed or detached entity
     * @return the target
     * @throws InvalidLockTargetException when the object is not an entity or its id is {@code null}
     * @throws IllegalStateException when no JPA is configured
     */
    LockTarget targetOf(Object entity);
}
