package dev.holdfast.lock.test;

import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.LockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the store contract: a store, a template over it with a recording listener, and a namespace of the
 * test's own, so stores shared with other tests (a Redis, a database) need no cleaning. Extend
 * {@link LockStoreContractTest}, not this class.
 */
public abstract class LockStoreFixture {

    /** A lease short enough to watch expire in a test. */
    protected static final Duration SHORT = Duration.ofMillis(300);

    /** A lease no test outlives. */
    protected static final Duration LONG = Duration.ofSeconds(30);

    /** The store under test. */
    protected LockStore store;

    /** A template over the store, instance {@code node-a}. */
    protected LockTemplate template;

    /** Hears the template's events. */
    protected RecordingListener listener;

    /** This test's namespace. */
    protected String namespace;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * Create the store under test; called before each test.
     *
     * @return a store
     */
    protected abstract LockStore createStore();

    /**
     * Create another client of the same store, standing in for a separate application instance (its own connections).
     * By default the same store is returned.
     *
     * @return a store sharing the state of {@link #store}
     */
    protected LockStore createIndependentClient() {
        return store;
    }

    @BeforeEach
    void setUpContract() {
        store = createStore();
        listener = new RecordingListener();
        template = track(LockTemplate.builder(store)
                .instanceId("node-a")
                .listener(listener)
                .watchdogPeriod(Duration.ofMillis(100))
                .build());
        namespace = "ct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDownContract() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * Close something when the test ends.
     *
     * @param closeable what to close
     * @param <T> its type
     * @return the closeable
     */
    protected <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    protected LockKey key(String id) {
        return new LockKey(namespace, id);
    }

    protected LockRequest.Builder request(String id, String owner) {
        return LockRequest.of(key(id)).owner(owner).lease(LONG).autoRenew(false);
    }

    protected Lease acquire(String id, String owner) {
        return template.acquire(request(id, owner).build());
    }

    protected LockResult tryAcquire(String id, String owner) {
        return template.tryAcquire(request(id, owner).build());
    }

    protected Lease acquireShort(String id, String owner) {
        return template.acquire(request(id, owner).lease(SHORT).build());
    }

    protected void awaitFree(String id) {
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store.inspect(key(id)).isEmpty());
    }
}
