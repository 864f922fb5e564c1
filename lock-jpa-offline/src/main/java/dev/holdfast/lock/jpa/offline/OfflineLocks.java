package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Pessimistic offline locks: one owner at a time may edit a business object across requests. A lock is named by a
 * {@link LockKey} whose namespace is the object's type (the entity name, such as {@code Patient}).
 *
 * <p>As for every lock, {@link #acquire(OfflineLockRequest) acquire} answers with the locks or throws
 * {@link OfflineLockNotAcquiredException}, {@link #tryAcquire(OfflineLockRequest) tryAcquire} answers
 * {@link OfflineLockResult.Acquired Acquired} or {@link OfflineLockResult.NotAcquired NotAcquired}, and
 * {@link #execute(OfflineLockRequest, Supplier) execute} acquires, runs code and releases. Offline locks never wait: a
 * held key is answered at once.
 *
 * <p><b>Holds.</b> A lock counts its owner's holds, as the core locks do. Taking a free key grants it at one hold with
 * a new fencing token; a {@link OfflineLockMode#REENTRANT reentrant} acquisition by the same owner adds a hold (the
 * token does not change); {@link #release(LockKey, String) release} takes one hold away, and the lock is free once the
 * last is released. {@link #execute(OfflineLockRequest, Supplier) execute} releases exactly the holds its acquisition
 * added (one per key for a reentrant request), so nested and concurrent {@code execute}s of one owner never free each
 * other's lock. A lock kept across the many requests of one edit should not gain a hold per request:
 * {@link #takeOrRenew takeOrRenew} (mode {@link OfflineLockMode#TAKE_OR_RENEW}) takes a free key at one hold and only
 * renews the owner's own lock, adding none. {@link #releaseAll(String) releaseAll} frees every lock of an owner,
 * whatever its count.
 *
 * <p><b>Expiry.</b> A lock expires once idle for its idle timeout (the request's, else the configured default), by
 * the database clock. Every acquisition by the owner renews it, and a renewal never shortens it: the expiry becomes the
 * later of the current one and now plus the idle timeout, and a never-expiring lock stays never-expiring. An expired
 * lock is free to others whatever its hold count.
 *
 * <p>Bad input (a blank owner, a key or an idle timeout out of range) is an {@link IllegalArgumentException} naming the
 * lock and the value, thrown before anything reaches the database. Every call runs in its own short database
 * transaction, so a caller's rollback neither undoes an acquisition nor a release. Implementations are thread-safe;
 * database failures surface as Spring {@code DataAccessException}s, never as a grant.
 */
public interface OfflineLocks {

    /**
     * Acquire every key of the request, or none, and answer with the result.
     *
     * @param request what to lock, for whom and how
     * @return acquired with the locks, or not acquired with the holder of the first held key
     */
    OfflineLockResult tryAcquire(OfflineLockRequest request);

    /**
     * Acquire one key reentrantly with the default idle timeout, and answer with the result.
     *
     * @param key what to lock
     * @param owner who asks
     * @param reason why, or {@code null}
     * @return acquired or not acquired
     * @throws IllegalArgumentException when the owner or the reason is not valid
     */
    default OfflineLockResult tryAcquire(LockKey key, String owner, @Nullable String reason) {
        return tryAcquire(OfflineLockRequest.of(owner, reason, key));
    }

    /**
     * Acquire several keys reentrantly with the default idle timeout, all or none, and answer with the result.
     *
     * @param keys what to lock
     * @param owner who asks
     * @param reason why, or {@code null}
     * @return acquired or not acquired
     * @throws IllegalArgumentException when the keys, the owner or the reason are not valid
     */
    default OfflineLockResult tryAcquire(Collection<LockKey> keys, String owner, @Nullable String reason) {
        return tryAcquire(OfflineLockRequest.of(owner, reason, keys));
    }

    /**
     * Acquire every key of the request, or none.
     *
     * @param request what to lock, for whom and how
     * @return the locks, with the keys on which this acquisition added a hold (to release when done)
     * @throws OfflineLockNotAcquiredException when a key is held, naming its holder
     */
    default OfflineLockResult.Acquired acquire(OfflineLockRequest request) {
        OfflineLockResult result = tryAcquire(request);
        if (result instanceof OfflineLockResult.NotAcquired notAcquired) {
            throw new OfflineLockNotAcquiredException(notAcquired);
        }
        return (OfflineLockResult.Acquired) result;
    }

    /**
     * Acquire one key reentrantly with the default idle timeout.
     *
     * @param key what to lock
     * @param owner who asks
     * @param reason why, or {@code null}
     * @return the lock
     * @throws OfflineLockNotAcquiredException when the key is held, naming its holder
     * @throws IllegalArgumentException when the owner or the reason is not valid
     */
    default OfflineLockResult.Acquired acquire(LockKey key, String owner, @Nullable String reason) {
        return acquire(OfflineLockRequest.of(owner, reason, key));
    }

    /**
     * Acquire several keys reentrantly with the default idle timeout, all or none.
     *
     * @param keys what to lock
     * @param owner who asks
     * @param reason why, or {@code null}
     * @return the locks
     * @throws OfflineLockNotAcquiredException when a key is held, naming its holder
     * @throws IllegalArgumentException when the keys, the owner or the reason are not valid
     */
    default OfflineLockResult.Acquired acquire(Collection<LockKey> keys, String owner, @Nullable String reason) {
        return acquire(OfflineLockRequest.of(owner, reason, keys));
    }

    /**
     * Acquire one key at one hold, or only renew it when the owner already holds it (adding no hold), and answer with
     * the result: for a lock kept across the requests of one edit, ended by a single {@link #release(LockKey, String)
     * release}.
     *
     * @param key what to lock
     * @param owner who asks
     * @param reason why, or {@code null}
     * @return acquired (its {@link OfflineLockResult.Acquired#holdsAdded() holdsAdded} says whether the key was taken
     *     now) or not acquired
     * @throws IllegalArgumentException when the owner or the reason is not valid
     */
    default OfflineLockResult takeOrRenew(LockKey key, String owner, @Nullable String reason) {
        return tryAcquire(OfflineLockRequest.of(owner, reason, key).takeOrRenew());
    }

    /**
     * Release one hold of {@code owner} on a key: the lock is free once its last hold is released.
     *
     * @param key the lock
     * @param owner the owner
     * @return whether the owner had a hold to release
     * @throws IllegalArgumentException when the owner is not valid (a one-time lock is released with
     *     {@link #releaseOneTime})
     */
    boolean release(LockKey key, String owner);

    /**
     * Release a one-time lock.
     *
     * @param key the lock
     * @return whether a one-time lock was released
     */
    boolean releaseOneTime(LockKey key);

    /**
     * Release every lock of an owner, whatever its hold count, as at logout.
     *
     * @param owner the owner
     * @return how many locks were released
     * @throws IllegalArgumentException when the owner is not valid (blank, which would name the one-time locks)
     */
    int releaseAll(String owner);

    /**
     * Return the live lock of a key.
     *
     * @param key the lock
     * @return the lock, or empty when the key is free or its lock is stale
     */
    Optional<OfflineLock> find(LockKey key);

    /**
     * Return the live locks of an owner.
     *
     * @param owner the owner
     * @return the locks, in (namespace, id) order
     * @throws IllegalArgumentException when the owner is not valid
     */
    List<OfflineLock> heldBy(String owner);

    /**
     * List live locks (every owner's), as the {@code locks} actuator endpoint shows them.
     *
     * @param namespace only this namespace (entity name), or {@code null} for all
     * @param limit the most to return, at least 1
     * @return the locks, in (namespace, id) order
     * @throws IllegalArgumentException when the limit is below 1
     */
    List<OfflineLock> list(@Nullable String namespace, int limit);

    /**
     * Acquire, run {@code action}, and release whatever happens the holds the acquisition added: one per key, so a
     * lock the owner held before (or takes meanwhile in another {@code execute}) stays held.
     *
     * @param request what to lock
     * @param action what to do while holding the locks
     * @param <T> the action's result type
     * @return the action's result
     * @throws OfflineLockNotAcquiredException when a key is held, naming its holder; the action does not run
     */
    <T> T execute(OfflineLockRequest request, Supplier<T> action);

    /**
     * Acquire, run {@code action}, and release whatever happens the holds the acquisition added.
     *
     * @param request what to lock
     * @param action what to do while holding the locks
     * @throws OfflineLockNotAcquiredException when a key is held, naming its holder; the action does not run
     */
    default void execute(OfflineLockRequest request, Runnable action) {
        execute(request, () -> {
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
     * Return the key of a JPA entity: its entity name as the namespace and its id, from the JPA metamodel.
     *
     * @param entity a managed or detached entity (a {@link LockKey} is returned as it is)
     * @return the key
     * @throws IllegalArgumentException when the object is not an entity (or no JPA is configured), its id is
     *     {@code null}, or its entity name or id do not fit a {@link LockKey}
     */
    LockKey keyOf(Object entity);
}
