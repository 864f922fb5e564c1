package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Owner-addressed handles for one namespace (the action-handle model): operations name the owner instead of keeping
 * a lease object, so they work across requests and processes. Every operation is one atomic store call.
 *
 * <pre>{@code
 * LockHandles rooms = lockTemplate.handles("room", Duration.ofMinutes(30));
 * rooms.create(101, "Tom", Duration.ofMinutes(15)); // true
 * rooms.create(101, "Jack");                          // false
 * rooms.value(101);                                   // Optional[Tom]
 * rooms.renew(101, "Tom", Duration.ofHours(1));       // true
 * rooms.expire(101, "Tom");                           // true
 * rooms.taken(101);                                   // false
 * }</pre>
 *
 * <p>Every time to live is validated before anything is written: from {@link LockRequest#MIN_LEASE} to
 * {@link LockRequest#MAX_LEASE}, or {@link LockRequest#FOREVER} for a handle that never expires.
 *
 * <p>Creating and claiming a handle are told to the template's {@link LockListener listeners} as acquisitions of kind
 * {@link LockKind#HANDLE}, named after the namespace. Thread-safe.
 */
public final class LockHandles {

    private final LockStore store;

    private final LockOperations operations;

    private final Listeners listeners;

    private final String namespace;

    private final Duration defaultTtl;

    LockHandles(
            LockStore store, LockOperations operations, Listeners listeners, String namespace, Duration defaultTtl) {
        new LockKey(namespace, "-"); // validates the namespace
        LockRequest.validateLease(namespace, "default ttl", defaultTtl);
        this.store = store;
        this.operations = operations;
        this.listeners = listeners;
        this.namespace = namespace;
        this.defaultTtl = defaultTtl;
    }

    /**
     * Take the handle only if it is free: refused while it is live, even for its own owner.
     *
     * @param id the thing
     * @param owner who takes it
     * @return {@code true} when taken
     */
    public boolean create(Object id, String owner) {
        return create(id, owner, defaultTtl);
    }

    /**
     * Take the handle only if it is free, for a given time.
     *
     * @param id the thing
     * @param owner who takes it
     * @param ttl how long it lives unless renewed
     * @return {@code true} when taken
     */
    public boolean create(Object id, String owner, Duration ttl) {
        return acquire(id, owner, ttl, AcquireMode.CREATE) instanceof AcquireOutcome.Granted;
    }

    /**
     * Take the handle whoever holds it.
     *
     * @param id the thing
     * @param owner who takes it
     * @return always {@code true}
     */
    public boolean claim(Object id, String owner) {
        return claim(id, owner, defaultTtl);
    }

    /**
     * Take the handle whoever holds it, for a given time.
     *
     * @param id the thing
     * @param owner who takes it
     * @param ttl how long it lives unless renewed
     * @return always {@code true}
     */
    public boolean claim(Object id, String owner, Duration ttl) {
        return acquire(id, owner, ttl, AcquireMode.CLAIM) instanceof AcquireOutcome.Granted;
    }

    /**
     * Extend the handle by the default time to live, only for its current owner; an expired handle is not recreated.
     *
     * @param id the thing
     * @param owner the owner
     * @return {@code true} when renewed
     */
    public boolean renew(Object id, String owner) {
        return renew(id, owner, defaultTtl);
    }

    /**
     * Extend the handle to {@code ttl} from now, only for its current owner.
     *
     * @param id the thing
     * @param owner the owner
     * @param ttl the new time to live
     * @return {@code true} when renewed
     */
    public boolean renew(Object id, String owner, Duration ttl) {
        LockKey key = key(id);
        validate(key, owner, ttl);
        return store.renew(new RenewCommand(key, owner, LockStore.ANY_TOKEN, ttl));
    }

    /**
     * Free the handle, only for its current owner.
     *
     * @param id the thing
     * @param owner the owner
     * @return {@code true} when freed
     */
    public boolean expire(Object id, String owner) {
        LockKey key = key(id);
        LockRequest.validateOwner(key, owner);
        return store.expire(key, owner);
    }

    /**
     * Free the handle whoever holds it (the operator's form).
     *
     * @param id the thing
     * @return {@code true} when a live handle was freed
     */
    public boolean expire(Object id) {
        return operations.forceRelease(key(id));
    }

    /**
     * Return the current owner.
     *
     * @param id the thing
     * @return the owner, or empty when free
     */
    public Optional<String> value(Object id) {
        return store.inspect(key(id)).map(LockState::owner);
    }

    /**
     * Return whether the handle is live.
     *
     * @param id the thing
     * @return {@code true} when someone holds it
     */
    public boolean taken(Object id) {
        return store.inspect(key(id)).isPresent();
    }

    private AcquireOutcome acquire(Object id, String owner, Duration ttl, AcquireMode mode) {
        LockKey key = key(id);
        validate(key, owner, ttl);
        fire(LockListener::onAcquiring, key, owner, 0, null, Duration.ZERO, null, null);
        long start = System.nanoTime();
        AcquireOutcome outcome;
        try {
            outcome = store.acquire(new AcquireCommand(key, owner, 0, ttl, mode));
        } catch (RuntimeException ex) {
            fire(LockListener::onError, key, owner, 0, null, since(start), ex, null);
            throw ex;
        }
        if (outcome instanceof AcquireOutcome.Granted granted) {
            if (granted.displaced() != null) {
                fire(
                        LockListener::onPreempted,
                        key,
                        owner,
                        granted.token(),
                        granted.displaced(),
                        since(start),
                        null,
                        null);
            }
            fire(LockListener::onAcquired, key, owner, granted.token(), null, since(start), null, null);
        } else {
            LockState holder = ((AcquireOutcome.Refused) outcome).holder();
            fire(LockListener::onNotAcquired, key, owner, 0, holder, since(start), null, LockResult.Reason.HELD);
        }
        return outcome;
    }

    private void fire(
            BiConsumer<LockListener, LockEvent> method,
            LockKey key,
            String owner,
            long token,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        listeners.fire(method, key, namespace, LockKind.HANDLE, owner, 0, token, other, elapsed, error, reason);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void validate(LockKey key, String owner, Duration ttl) {
        LockRequest.validateOwner(key, owner);
        LockRequest.validateLease(key, "ttl", ttl);
    }

    private LockKey key(Object id) {
        return LockKey.of(namespace, id);
    }
}
