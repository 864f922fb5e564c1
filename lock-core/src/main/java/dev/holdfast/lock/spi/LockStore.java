package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Where locks live: Redis, a relational database, or memory.
 *
 * <p>Every method is one atomic operation on the store (one script, one statement or one short transaction) and
 * decides expiry by the store's own clock. Fencing tokens are produced by the store and strictly increase per key
 * across release and expiry. Implementations are thread-safe. A store that cannot answer throws
 * {@link dev.holdfast.lock.LockStoreException}; it never answers a fault with a grant, and a call that failed leaves
 * nothing half-written.
 */
public interface LockStore {

    /** Passed as a token to check the owner only (handles, which carry no token). */
    long ANY_TOKEN = 0L;

    /**
     * The lease, in milliseconds, a store writes for {@link dev.holdfast.lock.LockRequest#FOREVER}: 100 years, far
     * beyond {@link dev.holdfast.lock.LockRequest#MAX_LEASE}, so that such a lock is reported as never expiring, and
     * within what every store's expiry arithmetic holds (H2 adds time in nanoseconds, which overflow past 292 years).
     */
    long FOREVER_MILLIS = Duration.ofDays(36_500).toMillis();

    /**
     * Return the milliseconds a store writes for a lease: at least 1, {@link #FOREVER_MILLIS} for
     * {@link dev.holdfast.lock.LockRequest#FOREVER}.
     *
     * @param lease a lease validated by {@link dev.holdfast.lock.LockRequest#validateLease}
     * @return the milliseconds
     */
    static long leaseMillis(Duration lease) {
        return dev.holdfast.lock.LockRequest.isForever(lease) ? FOREVER_MILLIS : Math.max(1, lease.toMillis());
    }

    /**
     * Return the store's short name for metric tags and messages ({@code redis}, {@code jdbc}, {@code memory}).
     *
     * @return the name
     */
    String name();

    /**
     * Try once to acquire a lock.
     *
     * @param command what to acquire and how
     * @return granted with the token, or refused with the holder
     */
    AcquireOutcome acquire(AcquireCommand command);

    /**
     * Try once to acquire a lock without blocking the caller: for reactive and asynchronous callers. By default the
     * blocking {@link #acquire} runs on {@code offload}, a bounded executor given by the caller; a store with an
     * asynchronous client (Redis on Lettuce) sends the request without occupying any thread.
     *
     * @param command what to acquire and how
     * @param offload where a blocking call runs
     * @return the answer to come; a store failure completes it with a {@link dev.holdfast.lock.LockStoreException}
     */
    default CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, Executor offload) {
        return CompletableFuture.supplyAsync(() -> acquire(command), offload);
    }

    /**
     * Extend a held lease to {@code lease} from now, if {@code owner} (and {@code token}, unless
     * {@link #ANY_TOKEN}) still hold it. Never recreates an expired lock.
     *
     * @param command the lease to renew
     * @return {@code true} when renewed, {@code false} when the lease was lost
     */
    boolean renew(RenewCommand command);

    /**
     * Renew many leases in as few store calls as the store allows (the watchdog's batch).
     *
     * @param commands the leases to renew
     * @return the commands whose leases were lost
     */
    default List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        List<RenewCommand> lost = new ArrayList<>();
        for (RenewCommand command : commands) {
            if (!renew(command)) {
                lost.add(command);
            }
        }
        return lost;
    }

    /**
     * Release one hold, if {@code owner} and {@code token} still hold the lock; at zero holds the lock is free and
     * waiters are told.
     *
     * @param key the lock
     * @param owner the holder
     * @param token the holder's fencing token
     * @return what happened
     */
    ReleaseOutcome release(LockKey key, String owner, long token);

    /**
     * Release one hold without blocking the caller, as {@link #release} does: by default the blocking call runs on
     * {@code offload}; a store with an asynchronous client sends it without occupying any thread.
     *
     * @param key the lock
     * @param owner the holder
     * @param token the holder's fencing token
     * @param offload where a blocking call runs
     * @return what happened, to come; a store failure completes it with a {@link dev.holdfast.lock.LockStoreException}
     */
    default CompletableFuture<ReleaseOutcome> releaseAsync(LockKey key, String owner, long token, Executor offload) {
        return CompletableFuture.supplyAsync(() -> release(key, owner, token), offload);
    }

    /**
     * Free a lock whatever its hold count: only when {@code owner} holds it, or unconditionally when {@code owner}
     * is {@code null} (the operator's form).
     *
     * @param key the lock
     * @param owner the holder to check, or {@code null}
     * @return {@code true} when a lock was freed
     */
    boolean expire(LockKey key, @Nullable String owner);

    /**
     * Return the live holder of a lock.
     *
     * @param key the lock
     * @return the holder, or empty when free
     */
    Optional<LockState> inspect(LockKey key);

    /**
     * List held locks.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to return
     * @return held locks, at most {@code limit}, in no particular order
     */
    List<LockState> list(@Nullable String namespace, int limit);

    /**
     * Open a watch for a waiter whose command was refused, to wait for the lock's release and ask again: the waiting
     * protocol of {@link LockWatch}. Stores without notification poll with backoff (10 ms doubling to 500 ms, with
     * jitter); stores with notification wake one waiter per release.
     *
     * @param command the waiter's refused command
     * @return the watch, to close when done waiting
     */
    default LockWatch watch(AcquireCommand command) {
        return new PollingLockWatch(this, command, Duration.ofMillis(10), Duration.ofMillis(500));
    }
}
