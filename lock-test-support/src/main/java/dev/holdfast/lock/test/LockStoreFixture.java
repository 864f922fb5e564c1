package dev.holdfast.lock.test;

import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.LockStore;
import java.time.Duration;

/**
 * What every group of the store contract runs on: the store under test, a template over it, a recording listener, a
 * namespace of the test's own, and helpers. {@link LockStoreContract} provides it afresh for each test; a contract
 * group is an interface that extends this one.
 */
public interface LockStoreFixture {

    /** A lease short enough to watch expire in a test. */
    Duration SHORT = Duration.ofMillis(300);

    /** A lease no test outlives. */
    Duration LONG = Duration.ofSeconds(30);

    /** How long a test waits for something the store does by itself (an expiry, a waiter's wait). */
    Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * Return the store under test, as the runner created it.
     *
     * @return the store
     */
    LockStore store();

    /**
     * Return the store under test as {@link #template()} sees it: passed through a {@link RecordingLockStore}, so
     * that a test can tell when the template's callers wait.
     *
     * @return the recording store
     */
    RecordingLockStore recorded();

    /**
     * Return a template over {@link #recorded()}, instance {@code node-a}, that tells {@link #listener()} its events
     * and renews leases at least every 100 ms.
     *
     * @return the template
     */
    LockTemplate template();

    /**
     * Return the listener that hears {@link #template()}'s events.
     *
     * @return the listener
     */
    RecordingListener listener();

    /**
     * Return this test's namespace: no other test uses it.
     *
     * @return the namespace
     */
    String namespace();

    /**
     * Create another client of the same store, standing in for a separate application instance (its own
     * connections); closed when the test ends.
     *
     * @return a store sharing the state of {@link #store()}
     */
    LockStore createIndependentClient();

    /**
     * Close something when the test ends.
     *
     * @param closeable what to close
     * @param <T> its type
     * @return the closeable
     */
    <T extends AutoCloseable> T track(T closeable);

    default LockKey key(String id) {
        return new LockKey(namespace(), id);
    }

    default LockRequest.Builder request(String id, String owner) {
        return LockRequest.of(key(id)).owner(owner).lease(LONG).autoRenew(false);
    }

    default Lease acquire(String id, String owner) {
        return template().acquire(request(id, owner).build());
    }

    default LockResult tryAcquire(String id, String owner) {
        return template().tryAcquire(request(id, owner).build());
    }

    /** Return the lease of a result that must be a grant, failing the test (saying what was asked) when refused. */
    default Lease granted(LockResult result, String what) {
        org.assertj.core.api.Assertions.assertThat(result).as(what).isInstanceOf(LockResult.Acquired.class);
        return ((LockResult.Acquired) result).lease();
    }

    default Lease acquireShort(String id, String owner) {
        return template().acquire(request(id, owner).lease(SHORT).build());
    }

    /**
     * Wait until the store says a lock is free (released or expired by the store's clock).
     *
     * @param id the lock's id in this test's namespace
     */
    default void awaitFree(String id) {
        await("lock [" + key(id) + "] free")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store().inspect(key(id)).isEmpty());
    }

    /**
     * Wait until a caller of {@link #template()} waits for a lock: refused with its watch open, so that from now on
     * only the watch (a release, an expiry, a re-check) or an interrupt ends its wait.
     *
     * @param id the lock's id in this test's namespace
     */
    default void awaitWaiting(String id) {
        awaitWaiting(recorded(), id);
    }

    /**
     * Wait until a caller of a template over {@code client} waits for a lock, as {@link #awaitWaiting(String)}.
     *
     * @param client the recording store the waiter's template uses
     * @param id the lock's id in this test's namespace
     */
    default void awaitWaiting(RecordingLockStore client, String id) {
        await("a waiter on [" + key(id) + "]")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> client.waiters(key(id)) > 0);
    }
}
