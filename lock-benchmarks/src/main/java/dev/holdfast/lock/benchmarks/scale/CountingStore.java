package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockStore} that hands every call to the measured store and counts what the suite reports from the client
 * side: the watchdog's batches ({@link #renewAll}: one per tick), the leases in them and those lost (with
 * {@link #lossListener()}, also those that ran out before the store confirmed a renewal), and the waiters'
 * wake-ups, that is every return of {@link LockWatch#next} after the first (which asks at once, without waiting),
 * with or without a grant.
 */
final class CountingStore implements LockStore {

    private final LockStore store;

    final AtomicLong ticks = new AtomicLong();

    final AtomicLong renewed = new AtomicLong();

    final AtomicLong lost = new AtomicLong();

    final AtomicLong renewNanos = new AtomicLong();

    final AtomicLong longestNanos = new AtomicLong();

    final AtomicLong lostLeases = new AtomicLong();

    final AtomicInteger watching = new AtomicInteger();

    final AtomicLong wakeUps = new AtomicLong();

    final AtomicLong fruitless = new AtomicLong();

    CountingStore(LockStore store) {
        this.store = store;
    }

    /** Return a listener of the template that counts every lease lost: refused by the store or out of time. */
    LockListener lossListener() {
        return new LockListener() {
            @Override
            public void onLost(LockEvent event) {
                lostLeases.incrementAndGet();
            }
        };
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        return store.acquire(command);
    }

    @Override
    public boolean renew(RenewCommand command) {
        return store.renew(command);
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        long start = System.nanoTime();
        List<RenewCommand> refused = store.renewAll(commands);
        long took = System.nanoTime() - start;
        renewNanos.addAndGet(took);
        longestNanos.accumulateAndGet(took, Math::max);
        renewed.addAndGet(commands.size() - refused.size());
        lost.addAndGet(refused.size());
        ticks.incrementAndGet();
        return refused;
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        return store.release(key, owner, token);
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        return store.expire(key, owner);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return store.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        return store.list(namespace, limit);
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        LockWatch watch = store.watch(command);
        watching.incrementAndGet();
        return new LockWatch() {

            private boolean first = true;

            private boolean closed;

            @Override
            public AcquireAttempt next(Duration max) throws InterruptedException {
                AcquireAttempt attempt = watch.next(max);
                if (first) {
                    first = false;
                } else {
                    wakeUps.incrementAndGet();
                    if (!attempt.granted()) {
                        fruitless.incrementAndGet();
                    }
                }
                return attempt;
            }

            @Override
            public void close() {
                watch.close();
                if (!closed) {
                    closed = true;
                    watching.decrementAndGet();
                }
            }
        };
    }
}
