package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link LockOperations}: acquire and release, wait, run code under a lock, and the owner-addressed
 * handle operations, over any {@link LockStore}.
 *
 * <p>A template is thread-safe and meant to be shared (one per store in an application). Acquisitions without an
 * explicit owner use {@link #defaultOwner()}, unique per thread and per template instance, so two threads never share
 * a lock by accident while one thread re-entering the same lock counts holds. Leases asked for with auto-renew are
 * renewed by one watchdog thread per template, in batches. {@link #close()} stops the watchdog.
 *
 * <p>Integrations that run code under a lock on behalf of an annotation (the {@code @Locked} advisor) use
 * {@link #execute(LockRequest, Duration, Function, LockCallback)} and
 * {@link #executeUntilComplete(LockRequest, Duration, Function, LockCallback)}, which add a conflict policy, a minimum
 * hold and, for the second, a hold until a returned stage completes to the one lifecycle of {@code execute}.
 */
public final class LockTemplate implements LockOperations, AutoCloseable {

    /** Longest time between two watchdog runs when the builder names none: one second. */
    public static final Duration DEFAULT_WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(LockTemplate.class);

    private final LockStore store;

    private final String instanceId;

    private final LeaseRenewer renewer;

    private final HeldLeases leases;

    private final Listeners listeners;

    private final AcquireLoop acquireLoop;

    private final @Nullable PermitAcquireLoop permitLoop;

    private final AsyncAcquireLoop asyncLoop;

    private final AtomicLong asyncCalls = new AtomicLong();

    private LockTemplate(Builder builder) {
        this.store = builder.store;
        this.instanceId = (builder.instanceId != null) ? builder.instanceId : defaultInstanceId();
        this.listeners = new Listeners(builder.listeners, builder.store.name());
        this.renewer = new LeaseRenewer(builder.store, builder.watchdogPeriod);
        this.leases = new HeldLeases(this.renewer, this.listeners);
        this.acquireLoop = new AcquireLoop(builder.store, this.leases, this.listeners);
        this.asyncLoop = new AsyncAcquireLoop(builder.store, this.acquireLoop);
        this.permitLoop = (builder.store instanceof SemaphoreStore semaphores)
                ? new PermitAcquireLoop(semaphores, this.leases, this.listeners)
                : null;
    }

    /**
     * Create a template over a store with the defaults.
     *
     * @param store the store
     * @return the template
     */
    public static LockTemplate of(LockStore store) {
        return builder(store).build();
    }

    /**
     * Start building a template over a store.
     *
     * @param store the store
     * @return a builder
     */
    public static Builder builder(LockStore store) {
        return new Builder(store);
    }

    /**
     * Return the lease of the innermost lock held by {@code execute} (or a {@code @Locked} method) on the calling
     * thread, or bound to it by {@link #bindCurrentLease(Lease)} (a {@code java.util.concurrent.locks.Lock} of
     * {@code dev.holdfast.lock.concurrent} between its lock and unlock, a ShedLock job): guarded code reads its fencing
     * token here.
     *
     * @return the lease, or empty when the thread holds none this way
     */
    public static Optional<Lease> currentLease() {
        return CurrentLeases.current();
    }

    /**
     * Make a lease the calling thread's {@link #currentLease()} until {@link #unbindCurrentLease(Lease)} is called on
     * the same thread: for integrations whose acquire and release are two calls on one thread rather than one
     * {@code execute} (the {@code java.util.concurrent.locks.Lock} adapter's {@code lock} and {@code unlock},
     * ShedLock's {@code lock} and {@code unlock}), so that the code between them reads the fencing token as code
     * inside {@code execute} does. The innermost binding wins.
     *
     * @param lease a lease just granted
     */
    public static void bindCurrentLease(Lease lease) {
        if (lease == null) {
            throw new IllegalArgumentException("Lease to bind must not be null");
        }
        CurrentLeases.push(lease);
    }

    /**
     * Undo {@link #bindCurrentLease(Lease)} on the calling thread.
     *
     * @param lease the lease bound
     * @return {@code true} when the lease was bound on this thread
     */
    public static boolean unbindCurrentLease(Lease lease) {
        return CurrentLeases.remove(lease);
    }

    @Override
    public String storeName() {
        return store.name();
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    public String defaultOwner() {
        return instanceId + ":" + Thread.currentThread().getId();
    }

    @Override
    public LockResult tryAcquire(LockRequest request) {
        return acquireLoop.acquire(request, ownerOf(request), AcquireMode.LOCK);
    }

    /**
     * Ask for a lock without blocking the caller, as {@link #tryAcquire(LockRequest)} does: the store is asked through
     * {@link LockStore#acquireAsync} and a waiter waits for the store's notification (or its polling timer) without
     * holding a thread. Blocking store calls run on {@code offload}. The lease is renewed by the same watchdog; give it
     * back with {@link Lease#closeAsync}. Without an owner in the request, each call is a new owner
     * ({@link #asyncOwner()}): there is no thread to re-enter on. Cancelling the future stops a wait; a grant that
     * arrives after that is released.
     *
     * @param request what to lock and how
     * @param offload where blocking store calls run (a bounded executor)
     * @return the result to come; a store failure completes it with a {@link LockStoreException}
     */
    public CompletableFuture<LockResult> tryAcquireAsync(LockRequest request, Executor offload) {
        if (request == null || offload == null) {
            throw new IllegalArgumentException(
                    "Asynchronous acquire needs a request and an executor, but was [" + request + ", " + offload + "]");
        }
        return asyncLoop.acquire(request, (request.owner() != null) ? request.owner() : asyncOwner(), offload);
    }

    /**
     * Return a new owner for one asynchronous acquisition: this instance's id and a sequence number, never the same
     * twice.
     *
     * @return the owner
     */
    public String asyncOwner() {
        return instanceId + ":async-" + asyncCalls.incrementAndGet();
    }

    @Override
    public Lease acquire(LockRequest request) {
        return leaseOf(tryAcquire(request));
    }

    @Override
    public Lease claim(LockRequest request) {
        return leaseOf(acquireLoop.acquire(request, ownerOf(request), AcquireMode.CLAIM));
    }

    @Override
    public <T, E extends Throwable> T execute(LockRequest request, LockCallback<T, E> callback) throws E {
        return execute(request, Duration.ZERO, LockTemplate::refuse, callback);
    }

    /**
     * Run code while holding a lock, as {@link #execute(LockRequest, LockCallback)} does, choosing what a refused call
     * gives and how long the lock stays taken at least: the form an annotation advisor uses.
     *
     * @param request what to lock and how
     * @param minHold the shortest time the lock stays taken after the grant, even when the code returns sooner (see
     *     {@link Lease#releaseAfter}), zero for none
     * @param onRefused what the call gives instead of running when the lock is not acquired; it may throw, as the
     *     plain {@code execute} throws {@link LockNotAcquiredException}
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned, or what {@code onRefused} gave
     * @throws E what the code threw
     * @throws LockLostException when the lease was lost before the code finished (the code's own exception, if
     *     any, wins, with this one suppressed)
     */
    public <T, E extends Throwable> T execute(
            LockRequest request,
            Duration minHold,
            Function<LockResult.NotAcquired, ? extends T> onRefused,
            LockCallback<? extends T, E> callback)
            throws E {
        return execute(request.key(), () -> tryAcquire(request), minHold, onRefused, callback);
    }

    /**
     * Run code while holding any kind of lock, as {@link #execute(LockRequest, Duration, Function, LockCallback)} does
     * for a plain lock: {@code acquisition} asks for the grant (such as a {@link LeasedSemaphore#tryAcquire} of this
     * template's semaphores, or a {@link LeasedReadWriteLock#tryAcquireRead}), and the grant's lease is the
     * {@link #currentLease()} while the code runs.
     *
     * @param key the lock, semaphore or read/write lock {@code acquisition} asks for, for messages
     * @param acquisition asks for the grant once, waiting as its request says
     * @param minHold the shortest time the grant stays taken, zero for none
     * @param onRefused what the call gives instead of running when not acquired; it may throw
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned, or what {@code onRefused} gave
     * @throws E what the code threw
     * @throws LockLostException when the lease was lost before the code finished
     */
    public <T, E extends Throwable> T execute(
            LockKey key,
            Supplier<LockResult> acquisition,
            Duration minHold,
            Function<LockResult.NotAcquired, ? extends T> onRefused,
            LockCallback<? extends T, E> callback)
            throws E {
        LockRequest.validateMinHold(key, minHold);
        LockResult result = acquisition.get();
        if (!(result instanceof LockResult.Acquired acquired)) {
            return onRefused.apply((LockResult.NotAcquired) result);
        }
        return LeaseCalls.run(acquired.lease(), minHold, callback);
    }

    /**
     * Run code that returns a {@link CompletionStage} while holding a lock until the stage completes: acquire, run,
     * and release when the stage completes, however it completes. The returned future completes after the release,
     * as the stage did, or with the {@link LockLostException} of a lease lost meanwhile (suppressed into the stage's
     * own failure, if any). The lease is the {@link #currentLease()} only on the calling thread, while the code runs.
     *
     * @param request what to lock and how
     * @param minHold the shortest time the lock stays taken after the grant, zero for none
     * @param onRefused what the call gives instead of running when the lock is not acquired; it may throw
     * @param callback the code, starting the work the stage completes
     * @param <T> the stage's result type
     * @param <E> what the code may throw
     * @return a future completing after the release, {@code null} when the code returned {@code null} (the lock is
     *     then released at once), or what {@code onRefused} gave
     * @throws E what the code threw (the lock is then released at once)
     */
    public <T, E extends Throwable> @Nullable CompletableFuture<T> executeUntilComplete(
            LockRequest request,
            Duration minHold,
            Function<LockResult.NotAcquired, ? extends @Nullable CompletableFuture<T>> onRefused,
            LockCallback<? extends @Nullable CompletionStage<T>, E> callback)
            throws E {
        return executeUntilComplete(request.key(), () -> tryAcquire(request), minHold, onRefused, callback);
    }

    /**
     * Run code that returns a {@link CompletionStage} while holding any kind of lock until the stage completes, as
     * {@link #executeUntilComplete(LockRequest, Duration, Function, LockCallback)} does for a plain lock, with the
     * grant {@code acquisition} asks for (see {@link #execute(LockKey, Supplier, Duration, Function, LockCallback)}).
     *
     * @param key the lock, semaphore or read/write lock {@code acquisition} asks for, for messages
     * @param acquisition asks for the grant once, waiting as its request says
     * @param minHold the shortest time the grant stays taken, zero for none
     * @param onRefused what the call gives instead of running when not acquired; it may throw
     * @param callback the code, starting the work the stage completes
     * @param <T> the stage's result type
     * @param <E> what the code may throw
     * @return a future completing after the release, {@code null} when the code returned {@code null}, or what
     *     {@code onRefused} gave
     * @throws E what the code threw (the grant is then released at once)
     */
    public <T, E extends Throwable> @Nullable CompletableFuture<T> executeUntilComplete(
            LockKey key,
            Supplier<LockResult> acquisition,
            Duration minHold,
            Function<LockResult.NotAcquired, ? extends @Nullable CompletableFuture<T>> onRefused,
            LockCallback<? extends @Nullable CompletionStage<T>, E> callback)
            throws E {
        LockRequest.validateMinHold(key, minHold);
        LockResult result = acquisition.get();
        if (!(result instanceof LockResult.Acquired acquired)) {
            return onRefused.apply((LockResult.NotAcquired) result);
        }
        return LeaseCalls.runUntilComplete(acquired.lease(), minHold, callback);
    }

    @Override
    public LockHandles handles(String namespace, Duration defaultTtl) {
        return new LockHandles(store, this, listeners, namespace, defaultTtl);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return store.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Lock list limit must be at least 1, but was " + limit);
        }
        return store.list(namespace, limit);
    }

    @Override
    public boolean forceRelease(LockKey key) {
        boolean freed = store.expire(key, null);
        logger.info(
                "Lock [{}] force-released in store '{}': {}", key, store.name(), freed ? "it was held" : "it was free");
        leases.markLost(key, null, "the lock was force-released by an operator");
        return freed;
    }

    @Override
    public boolean forceReleasePermit(LockKey key, long token) {
        return (permitLoop != null) && new SemaphoreOperator(permitLoop.store(), leases).forceRelease(key, token);
    }

    @Override
    public Optional<SemaphoreState> inspectSemaphore(LockKey key) {
        return (permitLoop != null) ? new SemaphoreOperator(permitLoop.store(), leases).inspect(key) : Optional.empty();
    }

    @Override
    public List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Semaphore list limit must be at least 1, but was " + limit);
        }
        return (permitLoop != null) ? permitLoop.store().listSemaphores(namespace, limit) : List.of();
    }

    @Override
    public int heldCount() {
        return leases.count();
    }

    @Override
    public LeasedSemaphore semaphore(String namespace, Object id) {
        return new LeasedSemaphore(LockKey.of(namespace, id), permits("semaphores"), leases, this::defaultOwner);
    }

    @Override
    public LeasedReadWriteLock readWriteLock(String namespace, Object id) {
        return new LeasedReadWriteLock(LockKey.of(namespace, id), permits("read/write locks"), this::defaultOwner);
    }

    private PermitAcquireLoop permits(String what) {
        if (permitLoop == null) {
            throw new IllegalStateException("Lock store '" + store.name() + "' ("
                    + store.getClass().getName() + ") has no " + what + ": it does not implement SemaphoreStore");
        }
        return permitLoop;
    }

    /** Stop the watchdog; held leases are no longer renewed. */
    @Override
    public void close() {
        renewer.close();
    }

    private String ownerOf(LockRequest request) {
        return (request.owner() != null) ? request.owner() : defaultOwner();
    }

    static Lease leaseOf(LockResult result) {
        if (result instanceof LockResult.Acquired acquired) {
            return acquired.lease();
        }
        return refuse((LockResult.NotAcquired) result);
    }

    private static <T> T refuse(LockResult.NotAcquired refused) {
        throw new LockNotAcquiredException(refused);
    }

    private static String defaultInstanceId() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Builds a {@link LockTemplate}; not thread-safe. */
    public static final class Builder {

        private final LockStore store;

        private final List<LockListener> listeners = new ArrayList<>();

        private @Nullable String instanceId;

        private Duration watchdogPeriod = DEFAULT_WATCHDOG_PERIOD;

        private Builder(LockStore store) {
            if (store == null) {
                throw new IllegalArgumentException("Lock store must not be null");
            }
            this.store = store;
        }

        /**
         * Add listeners.
         *
         * @param listeners the listeners
         * @return this builder
         */
        public Builder listeners(List<? extends LockListener> listeners) {
            this.listeners.addAll(listeners);
            return this;
        }

        /**
         * Add a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(LockListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * Set this instance's id, the prefix of default owners; by default the JVM's name and a random suffix.
         *
         * @param instanceId the id
         * @return this builder
         */
        public Builder instanceId(String instanceId) {
            if (instanceId == null || instanceId.isBlank()) {
                throw new IllegalArgumentException(
                        "Lock template instance id must not be blank, but was [" + instanceId + "]");
            }
            this.instanceId = instanceId;
            return this;
        }

        /**
         * Set the longest time between two watchdog runs; a lease is renewed a third of the way through in any case.
         *
         * @param watchdogPeriod the period, positive
         * @return this builder
         */
        public Builder watchdogPeriod(Duration watchdogPeriod) {
            if (watchdogPeriod == null || watchdogPeriod.isZero() || watchdogPeriod.isNegative()) {
                throw new IllegalArgumentException("Lock watchdog period must be positive, but was " + watchdogPeriod);
            }
            this.watchdogPeriod = watchdogPeriod;
            return this;
        }

        /**
         * Build the template.
         *
         * @return the template
         */
        public LockTemplate build() {
            return new LockTemplate(this);
        }
    }
}
