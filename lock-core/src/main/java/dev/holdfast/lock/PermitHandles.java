package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Owner-addressed permits of one semaphore (the db-locks model): a grant is named by its owner and its fencing token
 * instead of a {@link Lease} object, so one request can take permits, another send the heartbeat that renews them and a
 * third give them back, in any process. Nothing renews these grants by itself: a grant whose owner stops renewing it
 * ends with its time to live, by the store's clock, and its permits come back. Every operation is one atomic store
 * call.
 *
 * <pre>{@code
 * PermitHandles slots = lockTemplate.semaphore("export", "pdf").handles(Duration.ofSeconds(30));
 * OptionalLong token = slots.acquire("job-42", 1);       // empty when the semaphore is full
 * slots.renew("job-42", token.getAsLong());                // the heartbeat: true while still held
 * slots.release("job-42", token.getAsLong());              // true once; false when lost or given back already
 * }</pre>
 *
 * <p>Every time to live is validated before anything is written: from {@link LockRequest#MIN_LEASE} to
 * {@link LockRequest#MAX_LEASE}, or {@link LockRequest#FOREVER}. Taking permits is told to the template's
 * {@link LockListener listeners} as an acquisition of kind {@link LockKind#SEMAPHORE}, named after the namespace.
 * Thread-safe.
 */
public final class PermitHandles {

    private final LockKey key;

    private final SemaphoreStore store;

    private final Listeners listeners;

    private final Duration defaultTtl;

    PermitHandles(LockKey key, SemaphoreStore store, Listeners listeners, Duration defaultTtl) {
        LockRequest.validateLease(key, "default ttl", defaultTtl);
        this.key = key;
        this.store = store;
        this.listeners = listeners;
        this.defaultTtl = defaultTtl;
    }

    /**
     * Try once to take permits for the default time to live.
     *
     * @param owner who takes them
     * @param permits how many, all or nothing
     * @return the grant's fencing token, or empty when too few permits are free
     * @throws IllegalArgumentException when the owner or the count is invalid, or more permits are asked for than
     *     the semaphore has
     * @throws IllegalStateException when the semaphore does not exist
     */
    public OptionalLong acquire(String owner, int permits) {
        return acquire(owner, permits, defaultTtl);
    }

    /**
     * Try once to take permits for a given time to live.
     *
     * @param owner who takes them
     * @param permits how many, all or nothing
     * @param ttl how long the grant lives unless renewed
     * @return the grant's fencing token, or empty when too few permits are free
     * @throws IllegalArgumentException when a value is invalid, or more permits are asked for than the semaphore has
     * @throws IllegalStateException when the semaphore does not exist
     */
    public OptionalLong acquire(String owner, int permits, Duration ttl) {
        validate(owner, ttl);
        PermitCommand command = new PermitCommand(
                key, SemaphoreKind.SEMAPHORE, owner, 0, permits, false, ttl, AcquireMode.LOCK, 0, false);
        fire(LockListener::onAcquiring, owner, 0, Duration.ZERO, null, null);
        long start = System.nanoTime();
        PermitOutcome outcome;
        try {
            outcome = store.acquirePermits(command);
        } catch (RuntimeException ex) {
            fire(LockListener::onError, owner, 0, since(start), ex, null);
            throw ex;
        }
        if (PermitAcquireLoop.mayQueue(command, outcome)) {
            // Tried once: a fair semaphore's refusal keeps no place for a caller that does not wait.
            PermitAcquireLoop.leaveQueue(store, command);
        }
        if (outcome instanceof PermitOutcome.Granted granted) {
            fire(LockListener::onAcquired, owner, granted.token(), since(start), null, null);
            return OptionalLong.of(granted.token());
        }
        if (outcome instanceof PermitOutcome.Rejected rejected) {
            IllegalArgumentException error = new IllegalArgumentException(rejected.reason());
            fire(LockListener::onError, owner, 0, since(start), error, null);
            throw error;
        }
        boolean missing = outcome instanceof PermitOutcome.Missing;
        fire(
                LockListener::onNotAcquired,
                owner,
                0,
                since(start),
                null,
                missing ? LockResult.Reason.MISSING : LockResult.Reason.HELD);
        if (missing) {
            throw new IllegalStateException("Semaphore [" + key + "] does not exist: create it before taking permits");
        }
        return OptionalLong.empty();
    }

    private void fire(
            BiConsumer<LockListener, LockEvent> method,
            String owner,
            long token,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        listeners.fire(method, key, key.namespace(), LockKind.SEMAPHORE, owner, 0, token, null, elapsed, error, reason);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Extend a grant by the default time to live from now, only while its owner and token still hold it.
     *
     * @param owner the grant's owner
     * @param token the grant's token
     * @return {@code true} when renewed, {@code false} when the grant was lost or given back
     */
    public boolean renew(String owner, long token) {
        return renew(owner, token, defaultTtl);
    }

    /**
     * Extend a grant to {@code ttl} from now, only while its owner and token still hold it.
     *
     * @param owner the grant's owner
     * @param token the grant's token
     * @param ttl the new time to live
     * @return {@code true} when renewed, {@code false} when the grant was lost or given back
     */
    public boolean renew(String owner, long token, Duration ttl) {
        validate(owner, ttl);
        return store.renewPermits(SemaphoreKind.SEMAPHORE, new RenewCommand(key, owner, token, ttl));
    }

    /**
     * Give a grant's permits back, only while its owner and token still hold it; waiters are told.
     *
     * @param owner the grant's owner
     * @param token the grant's token
     * @return {@code true} when given back, {@code false} when the grant was lost or given back already
     */
    public boolean release(String owner, long token) {
        LockRequest.validateOwner(key, owner);
        return store.releasePermits(SemaphoreKind.SEMAPHORE, key, owner, token) == ReleaseOutcome.RELEASED;
    }

    private void validate(String owner, Duration ttl) {
        LockRequest.validateOwner(key, owner);
        LockRequest.validateLease(key, "ttl", ttl);
    }

    @Override
    public String toString() {
        return "PermitHandles[" + key + "]";
    }
}
