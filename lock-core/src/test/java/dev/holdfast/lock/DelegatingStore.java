package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A real store with a switch that makes it fail like an unreachable one, and a count of batch renewals. */
class DelegatingStore implements LockStore {

    final LockStore delegate;

    final AtomicBoolean down = new AtomicBoolean();

    final AtomicInteger renewAllCalls = new AtomicInteger();

    final AtomicInteger renewedInBatches = new AtomicInteger();

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
        return delegate.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        check();
        return delegate.release(key, owner, token);
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
    public LockWatch watch(LockKey key) {
        return delegate.watch(key);
    }
}
