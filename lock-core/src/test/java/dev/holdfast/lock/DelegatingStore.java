package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real store with a switch that makes it fail like an unreachable one, counts of calls, and gates that hold a
 * release or a renewal open (a slow or frozen store) so that tests can meet a race without timing.
 */
class DelegatingStore implements LockStore {

    final LockStore delegate;

    final AtomicBoolean down = new AtomicBoolean();

    final AtomicInteger acquireCalls = new AtomicInteger();

    final AtomicInteger releaseCalls = new AtomicInteger();

    /** When set, a release waits here after the store released: the caller has not heard the answer yet. */
    volatile @Nullable CountDownLatch releaseGate;

    /** When set, run once before the next release reaches the store. */
    volatile @Nullable Runnable beforeRelease;

    /** When set, a batch renewal waits here before it reaches the store. */
    volatile @Nullable CountDownLatch renewGate;

    /** When set, the next acquire is refused without reaching the store. */
    volatile boolean refuseNextAcquire;

    final AtomicInteger renewAllCalls = new AtomicInteger();

    final AtomicInteger renewedInBatches = new AtomicInteger();

    /** When each key's renewals reached the store ({@link System#nanoTime()}), in order. */
    final Map<LockKey, List<Long>> renewalTimes = new ConcurrentHashMap<>();

    DelegatingStore(LockStore delegate) {
        this.delegate = delegate;
    }

    private void check() {
        if (down.get()) {
            throw new IllegalStateException("connection refused");
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        check();
        acquireCalls.incrementAndGet();
        if (refuseNextAcquire) {
            refuseNextAcquire = false;
            return new AcquireOutcome.Refused(
                    new LockState(command.key(), "someone", 0, 1, 1, java.time.Duration.ofMillis(10)));
        }
        return delegate.acquire(command);
    }

    @Override
    public boolean renew(RenewCommand command) {
        check();
        return delegate.renew(command);
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        check();
        renewAllCalls.incrementAndGet();
        renewedInBatches.addAndGet(commands.size());
        long now = System.nanoTime();
        for (RenewCommand command : commands) {
            renewalTimes
                    .computeIfAbsent(command.key(), (key) -> new CopyOnWriteArrayList<>())
                    .add(now);
        }
        await(renewGate);
        return delegate.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        check();
        releaseCalls.incrementAndGet();
        Runnable before = beforeRelease;
        beforeRelease = null;
        if (before != null) {
            before.run();
        }
        ReleaseOutcome outcome = delegate.release(key, owner, token);
        await(releaseGate);
        return outcome;
    }

    private static void await(@Nullable CountDownLatch gate) {
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        check();
        return delegate.expire(key, owner);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        check();
        return delegate.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        check();
        return delegate.list(namespace, limit);
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        return delegate.watch(command);
    }
}
