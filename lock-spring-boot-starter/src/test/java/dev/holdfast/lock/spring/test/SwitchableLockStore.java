package dev.holdfast.lock.spring.test;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.net.ConnectException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A real in-memory store with a switch that makes every call fail as an unreachable store's would: it stands for a
 * store whose server went away, not for the behaviour under test.
 */
public final class SwitchableLockStore implements LockStore {

    private final LockStore delegate = new InMemoryLockStore();

    private volatile boolean down;

    /**
     * Make the store unreachable, or reachable again.
     *
     * @param down whether every call fails
     */
    public void down(boolean down) {
        this.down = down;
    }

    private void check(String operation, LockKey key) {
        if (down) {
            throw new LockStoreException(
                    "Lock [" + key + "] " + operation + " failed: store 'memory' is unreachable",
                    new ConnectException("Connection refused"));
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        check("acquire", command.key());
        return delegate.acquire(command);
    }

    @Override
    public boolean renew(RenewCommand command) {
        check("renew", command.key());
        return delegate.renew(command);
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        if (!commands.isEmpty()) {
            check("renew", commands.iterator().next().key());
        }
        return delegate.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        check("release", key);
        return delegate.release(key, owner, token);
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        check("expire", key);
        return delegate.expire(key, owner);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        check("inspect", key);
        return delegate.inspect(key);
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        check("list", new LockKey((namespace != null) ? namespace : "any", "*"));
        return delegate.list(namespace, limit);
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        return delegate.watch(command);
    }
}
