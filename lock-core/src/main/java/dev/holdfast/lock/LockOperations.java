package dev.holdfast.lock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What application code does with locks: acquire and release, wait, run code under a lock, inspect, and the
 * owner-addressed handle operations. {@link LockTemplate} implements it; depend on this interface where a test should
 * be able to stub the locks (as {@code JdbcTemplate} implements {@code JdbcOperations}).
 *
 * <p>Implementations are thread-safe.
 */
public interface LockOperations {

    /**
     * Return this instance's id, the prefix of its default owners.
     *
     * @return the instance id
     */
    String instanceId();

    /**
     * Return the owner used when a request names none: this instance and the calling thread.
     *
     * @return the owner
     */
    String defaultOwner();

    /**
     * Return the name of the store the locks live in, such as {@code redis} or {@code jdbc}.
     *
     * @return the store's name
     */
    String storeName();

    /**
     * Ask for a lock, waiting up to the request's wait.
     *
     * @param request what to lock and how
     * @return acquired with the lease, or not acquired with the reason and holder
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting (the interrupt flag is set again)
     */
    LockResult tryAcquire(LockRequest request);

    /**
     * Acquire a lock, waiting up to the request's wait.
     *
     * @param request what to lock and how
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired, naming the holder
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting
     */
    Lease acquire(LockRequest request);

    /**
     * Take a lock unconditionally (the operator's override), displacing any holder, whose lease is then lost.
     *
     * @param request what to lock; wait is ignored
     * @return the lease
     * @throws LockNotAcquiredException when the request is {@linkplain LockRequest#onlyIfExists() only if it exists}
     *     and nobody holds the lock
     * @throws LockStoreException when the store cannot answer
     */
    Lease claim(LockRequest request);

    /**
     * Run code while holding a lock: acquire (waiting up to the request's wait), run, release. Inside the code,
     * {@link LockTemplate#currentLease()} gives the lease.
     *
     * @param request what to lock and how
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned
     * @throws E what the code threw
     * @throws LockNotAcquiredException when not acquired
     * @throws LockLostException when the lease was lost before the code finished (the code's own exception, if
     *     any, wins, with this one suppressed)
     */
    <T, E extends Throwable> T execute(LockRequest request, LockCallback<T, E> callback) throws E;

    /**
     * Return the handle operations for one namespace, with a default time to live.
     *
     * @param namespace the namespace, such as {@code room}
     * @param defaultTtl the time to live when a call gives none
     * @return the handles
     */
    LockHandles handles(String namespace, Duration defaultTtl);

    /**
     * Return the live holder of a lock.
     *
     * @param key the lock
     * @return the holder, or empty when free
     */
    Optional<LockState> inspect(LockKey key);

    /**
     * List held locks in the store (all instances').
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return, at least 1
     * @return the held locks
     */
    List<LockState> list(@Nullable String namespace, int limit);

    /**
     * Free a lock whoever holds it (the operator's form); the holder's lease is then lost.
     *
     * @param key the lock
     * @return {@code true} when a lock was freed
     */
    boolean forceRelease(LockKey key);

    /**
     * Free one grant of a semaphore or a read/write lock whoever holds it (the operator's form); its holder's lease is
     * then lost.
     *
     * @param key the semaphore or read/write lock
     * @param token the grant's fencing token
     * @return {@code true} when a held grant was freed, {@code false} when no grant has that token (or the store has
     *     no semaphores)
     */
    boolean forceReleasePermit(LockKey key, long token);

    /**
     * Return the semaphore or held read/write lock of a key, with its holders.
     *
     * @param key the key
     * @return the state, or empty when neither exists (or the store has no semaphores)
     */
    Optional<SemaphoreState> inspectSemaphore(LockKey key);

    /**
     * List semaphores and held read/write locks in the store (all instances'), with their holders.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return, at least 1
     * @return their states, empty when the store has no semaphores
     */
    List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit);

    /**
     * Return how many leases this instance's callers hold now.
     *
     * @return the number of held leases
     */
    int heldCount();

    /**
     * Return a semaphore whose permits are leases (create it before taking permits, or let a request create it).
     *
     * @param namespace the kind of thing whose use is limited, such as {@code export}
     * @param id which one, such as {@code pdf}
     * @return the semaphore
     * @throws IllegalStateException when the store has no semaphores
     */
    LeasedSemaphore semaphore(String namespace, Object id);

    /**
     * Return a read/write lock: many readers or one writer.
     *
     * @param namespace the kind of thing, such as {@code document}
     * @param id which one
     * @return the lock
     * @throws IllegalStateException when the store has no read/write locks
     */
    LeasedReadWriteLock readWriteLock(String namespace, Object id);
}
