package dev.holdfast.lock.test;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A real store, passed through unchanged, that records which threads wait for which locks, so that a test can hold
 * a release back until a waiter provably waits instead of sleeping and hoping.
 *
 * <p>A thread waits for a lock from the moment the store refuses it the lock while it has a watch open on it (the
 * template opens the watch after a first refusal and asks again before it waits, so a release after that refusal
 * reaches the watch) until it closes the watch. The core emits no event when a waiter starts waiting; this is the
 * closest observable point. Thread-safe.
 */
public final class RecordingLockStore implements LockStore {

    private final LockStore delegate;

    private final Map<LockKey, Set<Thread>> watching = new ConcurrentHashMap<>();

    private final Map<LockKey, Set<Thread>> waiting = new ConcurrentHashMap<>();

    /**
     * Record the waiters of a store.
     *
     * @param delegate the store that answers every call
     */
    public RecordingLockStore(LockStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Return how many threads wait for a lock now: each was refused it while its watch on it was open, and has not
     * closed the watch since.
     *
     * @param key the lock
     * @return the number of waiting threads
     */
    public int waiters(LockKey key) {
        Set<Thread> threads = waiting.get(key);
        return (threads != null) ? threads.size() : 0;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        AcquireOutcome outcome = delegate.acquire(command);
        Thread caller = Thread.currentThread();
        Set<Thread> watchers = watching.get(command.key());
        if (outcome instanceof AcquireOutcome.Refused && watchers != null && watchers.contains(caller)) {
            remember(waiting, command.key(), caller);
        }
        return outcome;
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
    public LockWatch watch(LockKey key) {
        LockWatch watch = delegate.watch(key);
        Thread caller = Thread.currentThread();
        remember(watching, key, caller);
        return new RecordedWatch(key, caller, watch);
    }

    private void closed(LockKey key, Thread caller) {
        forget(waiting, key, caller);
        forget(watching, key, caller);
    }

    private static void remember(Map<LockKey, Set<Thread>> threadsByKey, LockKey key, Thread caller) {
        threadsByKey.compute(key, (k, threads) -> {
            Set<Thread> known = (threads != null) ? threads : ConcurrentHashMap.newKeySet();
            known.add(caller);
            return known;
        });
    }

    private static void forget(Map<LockKey, Set<Thread>> threadsByKey, LockKey key, Thread caller) {
        threadsByKey.computeIfPresent(key, (k, threads) -> {
            threads.remove(caller);
            return threads.isEmpty() ? null : threads;
        });
    }

    /** The delegate's watch, forgetting its waiter when closed. */
    private final class RecordedWatch implements LockWatch {

        private final LockKey key;

        private final Thread caller;

        private final LockWatch watch;

        private boolean closed;

        RecordedWatch(LockKey key, Thread caller, LockWatch watch) {
            this.key = key;
            this.caller = caller;
            this.watch = watch;
        }

        @Override
        public boolean await(Duration max) throws InterruptedException {
            return watch.await(max);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closed(key, caller);
                watch.close();
            }
        }
    }
}
