package dev.holdfast.lock;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * What a lease needs of the store that granted it: renew (one or a batch) and give the hold back. A plain lock's lease
 * goes to the {@link LockStore}; a semaphore's or read/write lock's to the {@link SemaphoreStore}, so one lease type
 * and one watchdog serve every kind of lock.
 */
interface LeaseBackend {

    boolean renew(RenewCommand command);

    List<RenewCommand> renewAll(Collection<RenewCommand> commands);

    /** Give one hold back; {@code false} when the lease was no longer held. */
    boolean release(LockKey key, String owner, long token);

    /**
     * Send one hold back ordered before the store's later calls for the lock, without waiting for the answer.
     *
     * @return whether the lease was still held, to come; {@code null} when the store cannot order a release so, or the
     *     template does not release behind {@code close()}
     */
    default @Nullable CompletableFuture<Boolean> releaseInOrder(LockKey key, String owner, long token) {
        return null;
    }

    /** Give one hold back without blocking the caller; by default the blocking call runs on {@code offload}. */
    default CompletableFuture<Boolean> releaseAsync(LockKey key, String owner, long token, Executor offload) {
        return CompletableFuture.supplyAsync(() -> release(key, owner, token), offload);
    }

    static LeaseBackend of(LockStore store, boolean releaseBehindClose) {
        return new LeaseBackend() {
            @Override
            public @Nullable CompletableFuture<Boolean> releaseInOrder(LockKey key, String owner, long token) {
                if (!releaseBehindClose) {
                    return null;
                }
                CompletableFuture<ReleaseOutcome> reply = store.releaseInOrder(key, owner, token);
                return (reply != null) ? reply.thenApply((outcome) -> outcome != ReleaseOutcome.NOT_HELD) : null;
            }

            @Override
            public boolean renew(RenewCommand command) {
                return store.renew(command);
            }

            @Override
            public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
                return store.renewAll(commands);
            }

            @Override
            public boolean release(LockKey key, String owner, long token) {
                return store.release(key, owner, token) != ReleaseOutcome.NOT_HELD;
            }

            @Override
            public CompletableFuture<Boolean> releaseAsync(LockKey key, String owner, long token, Executor offload) {
                return store.releaseAsync(key, owner, token, offload)
                        .thenApply((outcome) -> outcome != ReleaseOutcome.NOT_HELD);
            }
        };
    }

    static LeaseBackend of(SemaphoreStore store, SemaphoreKind kind) {
        return new LeaseBackend() {
            @Override
            public boolean renew(RenewCommand command) {
                return store.renewPermits(kind, command);
            }

            @Override
            public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
                return store.renewAllPermits(kind, commands);
            }

            @Override
            public boolean release(LockKey key, String owner, long token) {
                return store.releasePermits(kind, key, owner, token) != ReleaseOutcome.NOT_HELD;
            }
        };
    }
}
