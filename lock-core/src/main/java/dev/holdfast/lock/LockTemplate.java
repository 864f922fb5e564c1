package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point to Holdfast's locks: acquire and release, wait, run code under a lock, and the owner-addressed
 * handle operations, over any {@link LockStore}.
 *
 * <p>A template is thread-safe and meant to be shared (one per store in an application). Acquisitions without an
 * explicit owner use {@link #defaultOwner()}, unique per thread and per template instance, so two threads never share
 * a lock by accident while one thread re-entering the same lock counts holds. Leases asked for with auto-renew are
 * renewed by one watchdog thread per template, in batches. {@link #close()} stops the watchdog.
 */
public final class LockTemplate implements AutoCloseable {

    /** Longest time between two watchdog runs when the builder names none: one second. */
    public static final Duration DEFAULT_WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private static final ThreadLocal<Deque<Lease>> currentLeases = ThreadLocal.withInitial(ArrayDeque::new);

    private final LockStore store;

    private final Listeners listeners;

    private final String instanceId;

    private final LeaseRenewer renewer;

    private final Map<LockKey, Set<TemplateLease>> held = new ConcurrentHashMap<>();

    private LockTemplate(Builder builder) {
        this.store = builder.store;
        this.listeners = new Listeners(builder.listeners);
        this.instanceId = (builder.instanceId != null) ? builder.instanceId : defaultInstanceId();
        this.renewer = new LeaseRenewer(this, builder.store, builder.watchdogPeriod);
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
     * Return the lease of the innermost lock held by {@link #execute} on the calling thread: guarded code reads its
     * fencing token here.
     *
     * @return the lease, or empty outside {@code execute}
     */
    public static Optional<Lease> currentLease() {
        return Optional.ofNullable(currentLeases.get().peek());
    }

    /**
     * Run code with a lease as the calling thread's {@link #currentLease()}, without acquiring or releasing it: for
     * integrations, such as an annotation advisor, that acquire the lease and release it themselves.
     *
     * @param lease the lease the code runs under
     * @param callback the code
     * @param <T> the result type
     * @param <E> what the code may throw
     * @return what the code returned
     * @throws E what the code threw
     */
    public static <T, E extends Throwable> T withCurrentLease(Lease lease, LockCallback<T, E> callback) throws E {
        if (lease == null) {
            throw new IllegalArgumentException("Current lease must not be null");
        }
        Deque<Lease> stack = currentLeases.get();
        stack.push(lease);
        try {
            return callback.doWithLock(lease);
        } finally {
            stack.remove(lease);
        }
    }

    /**
     * Return the store.
     *
     * @return the store
     */
    public LockStore store() {
        return store;
    }

    /**
     * Return this template's instance id, the prefix of its default owners.
     *
     * @return the instance id
     */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Return the owner used when a request names none: this instance and the calling thread.
     *
     * @return the owner
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    public String defaultOwner() {
        return instanceId + ":" + Thread.currentThread().getId();
    }

    /**
     * Ask for a lock, waiting up to the request's wait.
     *
     * @param request what to lock and how
     * @return acquired with the lease, or not acquired with the reason and holder
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting (the interrupt flag is set again)
     */
    public LockResult tryAcquire(LockRequest request) {
        return acquire(request, AcquireMode.LOCK);
    }

    /**
     * Acquire a lock, waiting up to the request's wait.
     *
     * @param request what to lock and how
     * @return the lease, to close when done
     * @throws LockNotAcquiredException when not acquired, naming the holder
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting
     */
    public Lease acquire(LockRequest request) {
        return leaseOf(tryAcquire(request));
    }

    /**
     * Take a lock unconditionally (the operator's override), displacing any holder, whose lease is then lost.
     *
     * @param request what to lock; wait is ignored
     * @return the lease
     * @throws LockStoreException when the store cannot answer
     */
    public Lease claim(LockRequest request) {
        return leaseOf(acquire(request, AcquireMode.CLAIM));
    }

    /**
     * Run code while holding a lock: acquire (waiting up to the request's wait), run, release.
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
    public <T, E extends Throwable> T execute(LockRequest request, LockCallback<T, E> callback) throws E {
        Lease lease = acquire(request);
        Deque<Lease> stack = currentLeases.get();
        stack.push(lease);
        T result;
        try {
            result = callback.doWithLock(lease);
        } catch (Throwable ex) {
            stack.remove(lease);
            try {
                lease.close();
            } catch (RuntimeException releaseFailure) {
                ex.addSuppressed(releaseFailure);
            }
            throw ex;
        }
        stack.remove(lease);
        lease.close();
        return result;
    }

    /**
     * Return the handle operations for one namespace, with a default time to live.
     *
     * @param namespace the namespace, such as {@code room}
     * @param defaultTtl the time to live when a call gives none
     * @return the handles
     */
    public LockHandles handles(String namespace, Duration defaultTtl) {
        return new LockHandles(this, namespace, defaultTtl);
    }

    /**
     * Return the live holder of a lock.
     *
     * @param key the lock
     * @return the holder, or empty when free
     */
    public Optional<LockState> inspect(LockKey key) {
        return store.inspect(key);
    }

    /**
     * List held locks in the store (all instances').
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return
     * @return the held locks
     */
    public List<LockState> list(@Nullable String namespace, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Lock list limit must be at least 1, but was " + limit);
        }
        return store.list(namespace, limit);
    }

    /**
     * Free a lock whoever holds it (the operator's form); the holder's lease is then lost.
     *
     * @param key the lock
     * @return {@code true} when a lock was freed
     */
    public boolean forceRelease(LockKey key) {
        boolean freed = store.expire(key, null);
        markLocalLeasesLost(key, null, "the lock was force-released by an operator");
        return freed;
    }

    /**
     * Return how many leases this template's callers hold now.
     *
     * @return the number of held leases
     */
    public int heldCount() {
        return held.values().stream().mapToInt(Set::size).sum();
    }

    /** Stop the watchdog; held leases are no longer renewed. */
    @Override
    public void close() {
        renewer.close();
    }

    private LockResult acquire(LockRequest request, AcquireMode mode) {
        String owner = (request.owner() != null) ? request.owner() : defaultOwner();
        AcquireCommand command = new AcquireCommand(request.key(), owner, request.priority(), request.lease(), mode);
        long start = System.nanoTime();
        boolean waits = mode != AcquireMode.CLAIM && !request.waitTime().isZero();
        boolean forever = LockRequest.isForever(request.waitTime());
        try {
            AcquireAttempt attempt = AcquireAttempt.of(store, command);
            if (!attempt.granted() && waits) {
                attempt = await(
                        command,
                        forever ? Long.MAX_VALUE : start + request.waitTime().toNanos());
            }
            if (attempt.outcome() instanceof AcquireOutcome.Granted granted) {
                return new LockResult.Acquired(granted(request, owner, granted, attempt.askedNanos(), start));
            }
            LockState holder = ((AcquireOutcome.Refused) attempt.outcome()).holder();
            LockResult.NotAcquired refused = new LockResult.NotAcquired(
                    request.key(),
                    owner,
                    waits ? LockResult.Reason.TIMED_OUT : LockResult.Reason.HELD,
                    holder,
                    waits ? request.waitTime() : Duration.ZERO);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            fire(LockListener::onNotAcquired, request, owner, 0, holder, waited, null, refused.reason());
            return refused;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LockInterruptedException(request.key(), ex);
        } catch (LockStoreException ex) {
            fire(LockListener::onError, request, owner, 0, null, Duration.ofNanos(System.nanoTime() - start), ex, null);
            throw ex;
        } catch (RuntimeException ex) {
            if (ex instanceof LockException) {
                throw ex;
            }
            LockStoreException failure = new LockStoreException(
                    "Lock [" + request.key() + "] could not be acquired: store '" + store.name() + "' failed", ex);
            fire(LockListener::onError, request, owner, 0, null, Duration.ofNanos(System.nanoTime() - start), ex, null);
            throw failure;
        }
    }

    /**
     * Wait through the store's watch until granted or {@code deadlineNanos} (Long.MAX_VALUE: until granted). The
     * first ask follows the watch at once, so a release between the refused attempt and the watch is not missed;
     * later ones wait for a release, for the holder's lease to run out, or for the time left.
     */
    private AcquireAttempt await(AcquireCommand command, long deadlineNanos) throws InterruptedException {
        try (LockWatch watch = store.watch(command)) {
            AcquireAttempt attempt = watch.next(Duration.ZERO);
            while (!attempt.granted()) {
                long left = (deadlineNanos == Long.MAX_VALUE) ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return attempt;
                }
                LockState holder = ((AcquireOutcome.Refused) attempt.outcome()).holder();
                long untilExpiry = holder.neverExpires()
                        ? Long.MAX_VALUE
                        : holder.remaining().toNanos() + 1_000_000;
                attempt = watch.next(Duration.ofNanos(Math.min(left, untilExpiry)));
            }
            return attempt;
        }
    }

    private TemplateLease granted(
            LockRequest request, String owner, AcquireOutcome.Granted granted, long asked, long start) {
        TemplateLease lease = new TemplateLease(this, request, owner, granted.token(), asked);
        held.computeIfAbsent(request.key(), (key) -> ConcurrentHashMap.newKeySet())
                .add(lease);
        renewer.register(lease);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        LockState displaced = granted.displaced();
        if (displaced != null) {
            markLocalLeasesLost(
                    request.key(), displaced, "preempted by '" + owner + "' with priority " + request.priority());
            fire(LockListener::onPreempted, request, owner, granted.token(), displaced, waited, null, null);
        }
        fire(LockListener::onAcquired, request, owner, granted.token(), null, waited, null, null);
        return lease;
    }

    private void markLocalLeasesLost(LockKey key, @Nullable LockState displaced, String reason) {
        Set<TemplateLease> leases = held.get(key);
        if (leases == null) {
            return;
        }
        for (TemplateLease lease : new ArrayList<>(leases)) {
            if (displaced == null || (lease.owner().equals(displaced.owner()) && lease.token() == displaced.token())) {
                lease.lost(reason);
            }
        }
    }

    private static Lease leaseOf(LockResult result) {
        if (result instanceof LockResult.Acquired acquired) {
            return acquired.lease();
        }
        throw new LockNotAcquiredException((LockResult.NotAcquired) result);
    }

    /** Let the watchdog watch a lease whose lease became finite again. */
    void watch(TemplateLease lease) {
        renewer.register(lease);
    }

    void released(TemplateLease lease) {
        forget(lease);
        fire(LockListener::onReleased, lease, null, lease.heldFor(), null);
    }

    void lost(TemplateLease lease, String reason) {
        forget(lease);
        fire(LockListener::onLost, lease, null, lease.heldFor(), new LockLostException(reason));
    }

    void renewed(TemplateLease lease) {
        fire(LockListener::onRenewed, lease, null, lease.heldFor(), null);
    }

    void renewalFailed(TemplateLease lease, Throwable error) {
        fire(LockListener::onRenewalFailed, lease, null, lease.heldFor(), error);
    }

    private void forget(TemplateLease lease) {
        renewer.unregister(lease);
        held.computeIfPresent(lease.key(), (key, leases) -> {
            leases.remove(lease);
            return leases.isEmpty() ? null : leases;
        });
    }

    private void fire(
            BiConsumer<LockListener, LockEvent> method,
            Lease lease,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error) {
        listeners.fire(
                method,
                new LockEvent(
                        lease.key(),
                        lease.name(),
                        store.name(),
                        lease.owner(),
                        lease.priority(),
                        lease.token(),
                        other,
                        elapsed,
                        error,
                        null));
    }

    private void fire(
            BiConsumer<LockListener, LockEvent> method,
            LockRequest request,
            String owner,
            long token,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        listeners.fire(
                method,
                new LockEvent(
                        request.key(),
                        request.name(),
                        store.name(),
                        owner,
                        request.priority(),
                        token,
                        other,
                        elapsed,
                        error,
                        reason));
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
