package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where semaphores and read/write locks live: a sibling SPI of {@link LockStore} that a store class implements beside
 * it.
 *
 * <p>A semaphore is created with a size and lives until deleted; each grant holds some of its permits as a lease (the
 * store's clock, a fencing token strictly increasing per semaphore, renewal by owner and token), so a crashed holder's
 * permits come back when its lease ends. A read/write lock is created by its first grant and gone with its last: many
 * shared (read) grants or one exclusive (write) grant; a waiting writer is preferred over new readers, and a reader
 * cannot become the writer while other readers hold. Create, resize, delete and every acquire or release are each one
 * atomic store operation (one script, one statement, or one short transaction), deciding expiry by the store's clock.
 * Shrinking a semaphore never admits more holders than its new size: holders keep their permits until they release,
 * and nothing is granted until the count is under the new size. A fair semaphore (and a read/write lock's writers)
 * serves waiters in arrival order: a waiter that asked and was refused keeps its place while it keeps asking, and
 * leaves it ({@link #leaveQueue}) as soon as it stops waiting without a grant; a place not renewed for
 * {@link #QUEUE_CLAIM} is dropped, so a waiter that died blocks nobody for long.
 *
 * <p>Thread-safe. A store that cannot answer throws {@link dev.holdfast.lock.LockStoreException}; it never answers a
 * fault with a grant.
 */
public interface SemaphoreStore {

    /** How long a queued waiter keeps its place without asking again. */
    Duration QUEUE_CLAIM = Duration.ofSeconds(5);

    /**
     * Return the store's short name.
     *
     * @return the name
     */
    String name();

    /**
     * Create a semaphore, only if no semaphore of that key exists.
     *
     * @param key the semaphore
     * @param size how many permits, at least one
     * @param fair whether waiters are served in arrival order
     * @return {@code true} when created, {@code false} when it existed (unchanged)
     * @throws IllegalArgumentException when a plain lock or a read/write lock holds the key
     */
    boolean createSemaphore(LockKey key, int size, boolean fair);

    /**
     * Change a semaphore's size; holders keep their permits.
     *
     * @param key the semaphore
     * @param size the new size, at least one
     * @return the semaphore after the change, or empty when it does not exist
     */
    Optional<SemaphoreState> resizeSemaphore(LockKey key, int size);

    /**
     * Delete a semaphore, refused while permits are held unless forced.
     *
     * @param key the semaphore
     * @param force whether to delete it with its grants (whose leases are then lost)
     * @return what happened
     */
    SemaphoreDeletion deleteSemaphore(LockKey key, boolean force);

    /**
     * Try once to take permits.
     *
     * @param command what to take and how
     * @return granted, refused, missing or rejected
     */
    PermitOutcome acquirePermits(PermitCommand command);

    /**
     * Extend a grant to {@code lease} from now, if {@code owner} and {@code token} still hold it.
     *
     * @param kind a semaphore or a read/write lock
     * @param command the grant to renew
     * @return {@code true} when renewed, {@code false} when the lease was lost
     */
    boolean renewPermits(SemaphoreKind kind, RenewCommand command);

    /**
     * Renew many grants in as few store calls as the store allows (the watchdog's batch).
     *
     * @param kind a semaphore or a read/write lock
     * @param commands the grants to renew
     * @return the commands whose leases were lost
     */
    default List<RenewCommand> renewAllPermits(SemaphoreKind kind, Collection<RenewCommand> commands) {
        List<RenewCommand> lost = new ArrayList<>();
        for (RenewCommand command : commands) {
            if (!renewPermits(kind, command)) {
                lost.add(command);
            }
        }
        return lost;
    }

    /**
     * Give a grant back, if {@code owner} and {@code token} still hold it; waiters are told.
     *
     * @param kind a semaphore or a read/write lock
     * @param key the semaphore
     * @param owner the holder
     * @param token the grant's token
     * @return {@link ReleaseOutcome#RELEASED}, or {@link ReleaseOutcome#NOT_HELD} when the lease was lost
     */
    ReleaseOutcome releasePermits(SemaphoreKind kind, LockKey key, String owner, long token);

    /**
     * Drop a refused waiter's place in the queue, once it stops waiting without a grant (it did not wait, its wait
     * timed out, or it was interrupted): one atomic store operation that, when others may now get in, tells the
     * waiters as a release does. Nothing happens when the owner has no place.
     *
     * @param kind a semaphore or a read/write lock
     * @param key the semaphore or read/write lock
     * @param owner the waiter that leaves
     * @return {@code true} when a place was dropped
     */
    boolean leaveQueue(SemaphoreKind kind, LockKey key, String owner);

    /**
     * Return a semaphore or read/write lock with its live grants.
     *
     * @param kind which of the two
     * @param key the key
     * @return the state, or empty when it does not exist (a read/write lock nobody holds does not)
     */
    Optional<SemaphoreState> inspectSemaphore(SemaphoreKind kind, LockKey key);

    /**
     * List semaphores and held read/write locks.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return
     * @return their states, at most {@code limit}, in no particular order
     */
    List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit);

    /**
     * Open a watch for a waiter whose command was refused (the waiting protocol of {@link LockWatch}); stores without
     * notification poll with backoff.
     *
     * @param command the waiter's refused command
     * @return the watch, to close when done waiting
     */
    default PermitWatch watchPermits(PermitCommand command) {
        return new PollingPermitWatch(this, command, Duration.ofMillis(10), Duration.ofMillis(500));
    }
}
