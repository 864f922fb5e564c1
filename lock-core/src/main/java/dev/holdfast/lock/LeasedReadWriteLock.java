package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireMode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read/write lock: many readers or one writer per key, each hold a lease with a fencing token and watchdog renewal.
 *
 * <pre>{@code
 * LeasedReadWriteLock document = locks.readWriteLock("document", 42);
 * try (Lease read = document.acquireRead(PermitRequest.builder().waitTime(Duration.ofSeconds(2)).build())) { … }
 * try (Lease write = document.acquireWrite(PermitRequest.builder().waitTime(Duration.ofSeconds(5)).build())) { … }
 * }</pre>
 *
 * <p>Writers are preferred: once a writer waits, new readers wait behind it, so readers cannot starve it; writers are
 * served in arrival order. A writer may also take the read hold (downgrade: take read, then release write). A reader
 * that asks for the write hold while other readers hold gets a {@link LockUpgradeException} at once, never a
 * deadlock; the only reader may take it. The lock exists only while someone holds or awaits it. Thread-safe.
 */
public final class LeasedReadWriteLock {

    private final LockKey key;

    private final PermitAcquireLoop loop;

    private final Supplier<String> defaultOwner;

    LeasedReadWriteLock(LockKey key, PermitAcquireLoop loop, Supplier<String> defaultOwner) {
        this.key = key;
        this.loop = loop;
        this.defaultOwner = defaultOwner;
    }

    /**
     * Return the lock's key.
     *
     * @return the key
     */
    public LockKey key() {
        return key;
    }

    /**
     * Ask for a read hold, waiting up to the request's wait.
     *
     * @param request how
     * @return acquired with the lease, or not acquired with the reason
     */
    public LockResult tryAcquireRead(PermitRequest request) {
        return acquire(request, false, AcquireMode.LOCK);
    }

    /**
     * Acquire a read hold, waiting up to the request's wait.
     *
     * @param request how
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired
     */
    public Lease acquireRead(PermitRequest request) {
        return LockTemplate.leaseOf(tryAcquireRead(request));
    }

    /**
     * Ask for the write hold, waiting up to the request's wait.
     *
     * @param request how
     * @return acquired with the lease, or not acquired with the reason
     * @throws LockUpgradeException when the owner reads while other readers hold
     */
    public LockResult tryAcquireWrite(PermitRequest request) {
        return acquire(request, true, AcquireMode.LOCK);
    }

    /**
     * Acquire the write hold, waiting up to the request's wait.
     *
     * @param request how
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired
     * @throws LockUpgradeException when the owner reads while other readers hold
     */
    public Lease acquireWrite(PermitRequest request) {
        return LockTemplate.leaseOf(tryAcquireWrite(request));
    }

    /**
     * Run code under a read hold.
     *
     * @param request how
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned
     * @throws E what the code threw
     */
    public <T, E extends Throwable> T executeRead(PermitRequest request, LockCallback<T, E> callback) throws E {
        return LeaseCalls.run(acquireRead(request), Duration.ZERO, callback);
    }

    /**
     * Run code under the write hold.
     *
     * @param request how
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned
     * @throws E what the code threw
     */
    public <T, E extends Throwable> T executeWrite(PermitRequest request, LockCallback<T, E> callback) throws E {
        return LeaseCalls.run(acquireWrite(request), Duration.ZERO, callback);
    }

    /**
     * Take the write hold whoever holds the lock (the operator's override): every other holder's lease is lost.
     *
     * @param request how; the wait is ignored
     * @return the lease
     */
    public Lease claimWrite(PermitRequest request) {
        return LockTemplate.leaseOf(acquire(request, true, AcquireMode.CLAIM));
    }

    /**
     * Return the lock with its readers or writer.
     *
     * @return the state, or empty when nobody holds it
     */
    public Optional<SemaphoreState> inspect() {
        return loop.store().inspectSemaphore(SemaphoreKind.READ_WRITE, key);
    }

    private LockResult acquire(PermitRequest request, boolean write, AcquireMode mode) {
        String owner = (request.owner() != null) ? request.owner() : defaultOwner.get();
        return loop.acquire(key, SemaphoreKind.READ_WRITE, request, owner, write, mode);
    }

    @Override
    public String toString() {
        return "LeasedReadWriteLock[" + key + "]";
    }
}
