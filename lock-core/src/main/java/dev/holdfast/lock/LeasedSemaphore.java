package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A named semaphore whose permits are leases (the db-locks model): created with a size, and each grant holds some
 * permits for a lease renewed by the template's watchdog, so a crashed holder's permits come back when its lease ends.
 * Every grant carries a fencing token strictly greater than every earlier grant's of the semaphore.
 *
 * <pre>{@code
 * LeasedSemaphore exports = locks.semaphore("export", "pdf");
 * exports.create(3);                                              // false when it exists
 * try (Lease permit = exports.acquire(PermitRequest.permits(1).waitTime(Duration.ofSeconds(5)).build())) {
 *     export(permit.token());
 * }
 * }</pre>
 *
 * <p>An owner may hold several grants at once; each is a {@link Lease} of its own, and releasing a lease gives back
 * exactly the permits of that grant (by its token). A request of higher priority takes the permits of the holders of
 * lowest priority when the semaphore is full (they are told their leases were lost); {@link #claim} takes them whoever
 * holds them. Shrinking ({@link #resize}) never admits more holders than the new size. Thread-safe.
 */
public final class LeasedSemaphore {

    private final LockKey key;

    private final PermitAcquireLoop loop;

    private final HeldLeases leases;

    private final Supplier<String> defaultOwner;

    LeasedSemaphore(LockKey key, PermitAcquireLoop loop, HeldLeases leases, Supplier<String> defaultOwner) {
        this.key = key;
        this.loop = loop;
        this.leases = leases;
        this.defaultOwner = defaultOwner;
    }

    /**
     * Return the semaphore's key.
     *
     * @return the key
     */
    public LockKey key() {
        return key;
    }

    /**
     * Create the semaphore, unfair, if it does not exist.
     *
     * @param size how many permits, at least one
     * @return {@code true} when created, {@code false} when it existed (unchanged)
     * @throws IllegalArgumentException when the size is below one, or a plain lock or read/write lock uses the key
     */
    public boolean create(int size) {
        return create(size, false);
    }

    /**
     * Create the semaphore if it does not exist.
     *
     * @param size how many permits, at least one
     * @param fair whether waiters are served in arrival order (a waiter is never overtaken by a later one)
     * @return {@code true} when created, {@code false} when it existed (unchanged)
     * @throws IllegalArgumentException when the size is below one, or a plain lock or read/write lock uses the key
     */
    public boolean create(int size, boolean fair) {
        checkSize(size);
        return loop.store().createSemaphore(key, size, fair);
    }

    /**
     * Change the semaphore's size: holders keep their permits, and nothing is granted until fewer than the new size
     * are held.
     *
     * @param size the new size, at least one
     * @return the semaphore after the change, or empty when it does not exist
     */
    public Optional<SemaphoreState> resize(int size) {
        checkSize(size);
        return loop.store().resizeSemaphore(key, size);
    }

    /**
     * Delete the semaphore, only while no permits are held.
     *
     * @return {@code true} when deleted, {@code false} when it did not exist
     * @throws SemaphoreInUseException when permits are held
     */
    public boolean delete() {
        SemaphoreDeletion deletion = loop.store().deleteSemaphore(key, false);
        if (deletion == SemaphoreDeletion.IN_USE) {
            throw new SemaphoreInUseException(inspect()
                    .orElseGet(
                            () -> new SemaphoreState(key, SemaphoreKind.SEMAPHORE, 0, false, java.util.List.of(), 0)));
        }
        return deletion == SemaphoreDeletion.DELETED;
    }

    /**
     * Delete the semaphore with its grants (the operator's form): the holders' leases are lost.
     *
     * @return {@code true} when deleted, {@code false} when it did not exist
     */
    public boolean forceDelete() {
        boolean deleted = loop.store().deleteSemaphore(key, true) == SemaphoreDeletion.DELETED;
        if (deleted) {
            leases.markLost(key, null, "the semaphore was deleted by an operator");
        }
        return deleted;
    }

    /**
     * Return the semaphore with its holders.
     *
     * @return the state, or empty when it does not exist
     */
    public Optional<SemaphoreState> inspect() {
        return loop.store().inspectSemaphore(SemaphoreKind.SEMAPHORE, key);
    }

    /**
     * Ask for permits, waiting up to the request's wait.
     *
     * @param request how many and how
     * @return acquired with the lease, or not acquired with the reason (held, timed out, or missing)
     * @throws IllegalArgumentException when more permits are asked for than the semaphore has
     */
    public LockResult tryAcquire(PermitRequest request) {
        return loop.acquire(key, SemaphoreKind.SEMAPHORE, request, owner(request), false, AcquireMode.LOCK);
    }

    /**
     * Acquire permits, waiting up to the request's wait.
     *
     * @param request how many and how
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired (the semaphore full or missing)
     */
    public Lease acquire(PermitRequest request) {
        return LockTemplate.leaseOf(tryAcquire(request));
    }

    /**
     * Acquire permits, trying once, with the defaults of {@link PermitRequest#permits(int)}.
     *
     * @param permits how many
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired
     */
    public Lease acquire(int permits) {
        return acquire(PermitRequest.permits(permits).build());
    }

    /**
     * Run code while holding permits: acquire (waiting up to the request's wait), run, release.
     *
     * @param request how many and how
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned
     * @throws E what the code threw
     */
    public <T, E extends Throwable> T execute(PermitRequest request, LockCallback<T, E> callback) throws E {
        return LeaseCalls.run(acquire(request), Duration.ZERO, callback);
    }

    /**
     * Take permits whoever holds them (the operator's override): displaced holders' leases are lost.
     *
     * @param request how many; the wait is ignored
     * @return the lease
     */
    public Lease claim(PermitRequest request) {
        return LockTemplate.leaseOf(
                loop.acquire(key, SemaphoreKind.SEMAPHORE, request, owner(request), false, AcquireMode.CLAIM));
    }

    /**
     * Return owner-addressed operations on this semaphore's permits, for grants taken, renewed and given back by
     * different requests or processes (named by owner and token, renewed by their caller, not by the watchdog).
     *
     * @param defaultTtl the time to live of a grant or renewal that names none
     * @return the handles
     * @throws IllegalArgumentException when the time to live is out of bounds
     */
    public PermitHandles handles(Duration defaultTtl) {
        return new PermitHandles(key, loop.store(), loop.listeners(), defaultTtl);
    }

    private String owner(PermitRequest request) {
        return (request.owner() != null) ? request.owner() : defaultOwner.get();
    }

    private void checkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Semaphore [" + key + "] size must be at least 1, but was " + size);
        }
    }

    @Override
    public String toString() {
        return "LeasedSemaphore[" + key + "]";
    }
}
