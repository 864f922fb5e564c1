package dev.holdfast.lock.spring.shedlock;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.AbstractSimpleLock;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A ShedLock lock held through a Holdfast {@link Lease}. ShedLock's base class makes it single-use: once unlocked or
 * extended, {@code unlock} and {@code extend} throw {@link IllegalStateException}; an extension is a new lock over the
 * same lease.
 */
final class HoldfastSimpleLock extends AbstractSimpleLock {

    private final Lease lease;

    private final long grantedNanos;

    /** How long after the grant the lock stays taken at least: the configuration's lockAtLeastFor from now. */
    private final Duration holdFromGrant;

    HoldfastSimpleLock(LockConfiguration configuration, Lease lease, long grantedNanos) {
        super(configuration);
        this.lease = lease;
        this.grantedNanos = grantedNanos;
        this.holdFromGrant = Duration.ofNanos(System.nanoTime() - grantedNanos).plus(configuration.getLockAtLeastFor());
    }

    @Override
    protected void doUnlock() {
        LockTemplate.unbindCurrentLease(lease);
        if (!lease.releaseAfter(holdFromGrant)) {
            throw new LockLostException("ShedLock lock [" + lease.key() + "] held by '" + lease.owner() + "' (token "
                    + lease.token() + ") was lost before its task finished: it expired or another owner took it, so "
                    + "the task may have overlapped another run");
        }
    }

    @Override
    protected Optional<SimpleLock> doExtend(LockConfiguration extended) {
        if (!lease.renew(extended.getLockAtMostFor())) {
            LockTemplate.unbindCurrentLease(lease);
            return Optional.empty();
        }
        return Optional.of(new HoldfastSimpleLock(extended, lease, grantedNanos));
    }

    @Override
    public String toString() {
        return "HoldfastSimpleLock[" + lockConfiguration.getName() + ", " + lease + "]";
    }
}
