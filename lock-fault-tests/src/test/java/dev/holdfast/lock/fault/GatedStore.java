package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A real store with gates a test sets to line up a race: the watchdog's batch renewal waits at a gate before it goes
 * to the store (so a release can start at that very moment), and a release waits at a gate after the store answered
 * it (so that two releases that both reached the store return together). Every call goes to the real store.
 */
final class GatedStore implements LockStore {

    private final LockStore store;

    private volatile Runnable beforeRenewal = () -> {};

    private volatile Runnable afterRelease = () -> {};

    GatedStore(LockStore store) {
        this.store = store;
    }

    /**
     * Run something on the watchdog's thread before each batch renewal reaches the store.
     *
     * @param gate what to run (a barrier the test's thread meets), or a no-op
     */
    void beforeRenewal(Runnable gate) {
        this.beforeRenewal = gate;
    }

    /**
     * Run something on a releasing thread after the store answered its release.
     *
     * @param gate what to run (a barrier both releasing threads meet, with a short timeout), or a no-op
     */
    void afterRelease(Runnable gate) {
        this.afterRelease = gate;
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
        beforeRenewal.run();
        return store.renewAll(commands);
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        ReleaseOutcome outcome = store.release(key, owner, token);
        afterRelease.run();
        return outcome;
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
        return store.watch(command);
    }
}
