package dev.holdfast.lock;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    /** Give one hold back without blocking the caller; by default the blocking call runs on {@code offload}. */
    default CompletableFuture<Boolean> releaseAsync(LockKey key, String owner, long token, Executor offload) {
        return CompletableFuture.supplyAsync(() -> release(key, owner, token), offload);
    }

    static LeaseBackend of(LockStore store) {
        return new LeaseBackend() {
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
