package dev.holdfast.lock.jpa.offline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Pessimistic offline locks: one holder at a time may edit a business object across requests.
 *
 * <p><b>Holds.</b> A lock counts its holder's holds, as the core locks do. Taking a free target grants it at one hold
 * with a new fencing token; a {@link OfflineLockMode#REENTRANT reentrant} acquisition by the same holder adds a hold
 * (the token does not change); {@link #release(LockTarget, String) release} takes one hold away, and the lock is free
 * once the last is released. {@link #withLock withLock} releases exactly the holds its acquisition added (one per
 * target for a reentrant request), so nested and concurrent {@code withLock}s of one holder never free each other's
 * lock. A lock kept across the many requests of one edit should not gain a hold per request: {@link #takeOrRenew
 * takeOrRenew} (mode {@link OfflineLockMode#TAKE_OR_RENEW}) takes a free target at one hold and only renews the
 * holder's own lock, adding none. {@link #releaseAll(String) releaseAll} frees every lock of a holder, whatever its
 * count.
 *
 * <p><b>Expiry.</b> A lock expires once idle for its idle timeout (the request's, else the configured default), by
 * the database clock. Every acquisition by the holder renews it, and a renewal never shortens it: the expiry becomes the
 * later of the current one and now plus the idle timeout, and a never-expiring lock stays never-expiring. An expired
 * lock is free to others whatever its hold count.
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
     * Acquire one target at one hold, or only renew it when the holder already holds it (adding no hold): for a lock
     * kept across the requests of one edit, ended by a single {@link #release(LockTarget, String) release}.
     *
     * @param target what to lock
     * @param holder who asks
     * @param reason why, or {@code null}
     * @return acquired (its {@link OfflineLockResult.Acquired#holdsAdded() holdsAdded} says whether the target was
     *     taken now) or refused
     */
    default OfflineLockResult takeOrRenew(LockTarget target, String holder, @Nullable String reason) {
        return acquire(OfflineLockRequest.of(holder, reason, target).takeOrRenew());
    }

    /**
     * Release one hold of {@code holder} on a target: the lock is free once its last hold is released.
     *
     * @param target the target
     * @param holder the holder
     * @return whether the holder had a hold to release
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
     * Release every lock of a holder, whatever its hold count, as at logout.
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
     * Acquire, run {@code action}, and release whatever happens the holds the acquisition added: one per target, so
     * a lock the holder held before (or takes meanwhile in another {@code withLock}) stays held.
     *
     * @param request what to lock
     * @param action what to do while holding the locks
     * @param <T> the action's result type
     * @return the action's result
     * @throws OfflineLockRefusedException when the locks are refused; the action does not run
     */
    <T> T withLock(OfflineLockRequest request, Supplier<T> action);

    /**
     * Acquire, run {@code action}, and release whatever happens the holds the acquisition added.
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
