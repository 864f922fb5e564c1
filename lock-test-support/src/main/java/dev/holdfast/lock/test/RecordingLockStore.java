package dev.holdfast.lock.test;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.PermitAttempt;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A real store, passed through unchanged, that records which threads wait for which locks, so that a test can hold
 * a release back until a waiter provably waits instead of sleeping and hoping.
 *
 * <p>A thread waits for a lock from the moment its watch on it hands back a refusal (the template opens the watch after
 * a first refusal and asks through it at once, so a release after that refusal reaches the watch) until it closes
 * the watch. Thread-safe.
 */
public final class RecordingLockStore implements LockStore, SemaphoreStore {

    private final LockStore delegate;

    private final Map<LockKey, Set<Object>> waiting = new ConcurrentHashMap<>();

    /**
     * Record the waiters of a store.
     *
     * @param delegate the store that answers every call
     */
    public RecordingLockStore(LockStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Return how many threads (or asynchronous waiters) wait for a lock now: each was refused it while its watch on it
     * was open, and has not closed the watch since.
     *
     * @param key the lock
     * @return the number of waiting threads
     */
    public int waiters(LockKey key) {
        Set<Object> threads = waiting.get(key);
        return (threads != null) ? threads.size() : 0;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        return delegate.acquire(command);
    }

    @Override
    public CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, Executor offload) {
        return delegate.acquireAsync(command, offload);
    }

    @Override
    public CompletableFuture<ReleaseOutcome> releaseAsync(LockKey key, String owner, long token, Executor offload) {
        return delegate.releaseAsync(key, owner, token, offload);
    }

    @Override
    public boolean renew(RenewCommand command) {
        return delegate.renew(command);
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        return delegate.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        return delegate.release(key, owner, token);
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        return delegate.expire(key, owner);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return delegate.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        return delegate.list(namespace, limit);
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        return new RecordedWatch(command.key(), delegate.watch(command));
    }

    @Override
    public boolean createSemaphore(LockKey key, int size, boolean fair) {
        return semaphores().createSemaphore(key, size, fair);
    }

    @Override
    public Optional<SemaphoreState> resizeSemaphore(LockKey key, int size) {
        return semaphores().resizeSemaphore(key, size);
    }

    @Override
    public SemaphoreDeletion deleteSemaphore(LockKey key, boolean force) {
        return semaphores().deleteSemaphore(key, force);
    }

    @Override
    public PermitOutcome acquirePermits(PermitCommand command) {
        return semaphores().acquirePermits(command);
    }

    @Override
    public boolean renewPermits(SemaphoreKind kind, RenewCommand command) {
        return semaphores().renewPermits(kind, command);
    }

    @Override
    public List<RenewCommand> renewAllPermits(SemaphoreKind kind, Collection<RenewCommand> commands) {
        return semaphores().renewAllPermits(kind, commands);
    }

    @Override
    public ReleaseOutcome releasePermits(SemaphoreKind kind, LockKey key, String owner, long token) {
        return semaphores().releasePermits(kind, key, owner, token);
    }

    @Override
    public boolean leaveQueue(SemaphoreKind kind, LockKey key, String owner) {
        return semaphores().leaveQueue(kind, key, owner);
    }

    @Override
    public Optional<SemaphoreState> inspectSemaphore(SemaphoreKind kind, LockKey key) {
        return semaphores().inspectSemaphore(kind, key);
    }

    @Override
    public List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit) {
        return semaphores().listSemaphores(namespace, limit);
    }

    @Override
    public PermitWatch watchPermits(PermitCommand command) {
        PermitWatch watch = semaphores().watchPermits(command);
        LockKey key = command.key();
        Thread caller = Thread.currentThread();
        return new PermitWatch() {
            private boolean closed;

            @Override
            public PermitAttempt next(Duration max) throws InterruptedException {
                PermitAttempt attempt = watch.next(max);
                if (attempt.outcome() instanceof PermitOutcome.Refused) {
                    remember(waiting, key, caller);
                }
                return attempt;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    closed(key, caller);
                    watch.close();
                }
            }
        };
    }

    private SemaphoreStore semaphores() {
        if (delegate instanceof SemaphoreStore semaphores) {
            return semaphores;
        }
        throw new IllegalStateException("Store '" + delegate.name() + "' has no semaphores");
    }

    private void closed(LockKey key, Object caller) {
        forget(waiting, key, caller);
    }

    private static void remember(Map<LockKey, Set<Object>> threadsByKey, LockKey key, Object caller) {
        threadsByKey.compute(key, (k, threads) -> {
            Set<Object> known = (threads != null) ? threads : ConcurrentHashMap.newKeySet();
            known.add(caller);
            return known;
        });
    }

    private static void forget(Map<LockKey, Set<Object>> threadsByKey, LockKey key, Object caller) {
        threadsByKey.computeIfPresent(key, (k, threads) -> {
            threads.remove(caller);
            return threads.isEmpty() ? null : threads;
        });
    }

    /** The delegate's watch, forgetting its waiter when closed. */
    private final class RecordedWatch implements LockWatch {

        private final LockKey key;

        private final LockWatch watch;

        private volatile boolean closed;

        RecordedWatch(LockKey key, LockWatch watch) {
            this.key = key;
            this.watch = watch;
        }

        @Override
        public AcquireAttempt next(Duration max) throws InterruptedException {
            AcquireAttempt attempt = watch.next(max);
            if (attempt.outcome() instanceof AcquireOutcome.Refused) {
                remember(waiting, key, this);
            }
            return attempt;
        }

        @Override
        public CompletableFuture<AcquireAttempt> nextAsync(Duration max, Executor offload) {
            return watch.nextAsync(max, offload).thenApply((attempt) -> {
                if (attempt.outcome() instanceof AcquireOutcome.Refused && !closed) {
                    remember(waiting, key, this);
                }
                return attempt;
            });
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closed(key, this);
                watch.close();
            }
        }
    }
}
