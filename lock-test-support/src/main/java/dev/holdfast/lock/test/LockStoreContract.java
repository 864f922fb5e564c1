package dev.holdfast.lock.test;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.LockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The entry point of the store contract, the rules every {@link LockStore} keeps, in the spirit of ShedLock's
 * {@code AbstractLockProviderIntegrationTest}.
 *
 * <p>To hold a store to the contract, write a test class that extends this one, implements {@link #createStore()}
 * (and {@link #createIndependentClient()} when the store has clients of its own, such as connections, so that
 * "another application instance" really is another client), and implements the groups of rules the store keeps:
 *
 * <pre>{@code
 * class MyLockStoreTests extends LockStoreContract
 *         implements BasicContract, PriorityContract, HandleContract, WaitingContract, ConcurrencyContract {
 *
 *     @Override
 *     protected LockStore createStore() {
 *         return new MyLockStore(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Each group is a JUnit 5 test interface of its own: {@link BasicContract} (acquire, release, expiry, renewal,
 * fencing tokens, reentrancy, listing, key encoding), {@link PriorityContract} (preemption and claims),
 * {@link HandleContract} (owner-addressed handles), {@link WaitingContract} (waiters woken by release and expiry,
 * time-outs, interrupts), {@link OnlyIfExistsContract} (requests only for a lock someone holds) and {@link ConcurrencyContract} (the overlap fuzz). A group is tuned by overriding its
 * default methods, such as {@link WaitingContract#wakeUpBound()}. A new group is a new interface extending
 * {@link LockStoreFixture}; a store opts in by implementing it. To run the contract on several back ends (databases),
 * nest one subclass per back end with {@code @Nested}.
 *
 * <p>Each test gets a fresh store from {@link #createStore()}, a template over it, a recording listener and a
 * namespace of its own, so a store shared with other tests (a Redis, a database) needs no cleaning. Rules that do
 * not depend on the store (the validation of keys, requests and durations) are tested once, in lock-core.
 */
public abstract class LockStoreContract implements LockStoreFixture {

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private @Nullable LockStore store;

    private @Nullable RecordingLockStore recorded;

    private @Nullable LockTemplate template;

    private @Nullable RecordingListener listener;

    private @Nullable String namespace;

    /**
     * Create the store under test; called before each test. A store that is {@link AutoCloseable} is closed after
     * the test.
     *
     * @return a store
     */
    protected abstract LockStore createStore();

    /**
     * Create another client of the same store, standing in for a separate application instance. By default the same
     * store is returned; override it when the store has clients (connections) of its own, and {@link #track} what it
     * opens.
     *
     * @return a store sharing the state of {@link #store()}
     */
    @Override
    public LockStore createIndependentClient() {
        return store();
    }

    @BeforeEach
    void setUpContract() {
        closeables.clear();
        store = createStore();
        recorded = new RecordingLockStore(store);
        listener = new RecordingListener();
        template = track(LockTemplate.builder(recorded)
                .instanceId("node-a")
                .listener(listener)
                .watchdogPeriod(Duration.ofMillis(100))
                .build());
        namespace = "ct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDownContract() throws Exception {
        // A test that failed while holding a java.util.concurrent lock leaves its lease bound to this (JUnit's) thread.
        while (LockTemplate.currentLease().isPresent()) {
            LockTemplate.unbindCurrentLease(LockTemplate.currentLease().get());
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public LockStore store() {
        return set(store);
    }

    @Override
    public RecordingLockStore recorded() {
        return set(recorded);
    }

    @Override
    public LockTemplate template() {
        return set(template);
    }

    @Override
    public RecordingListener listener() {
        return set(listener);
    }

    @Override
    public String namespace() {
        return set(namespace);
    }

    private static <T> T set(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("The store contract's fixture is set up before each test only");
        }
        return value;
    }
}
