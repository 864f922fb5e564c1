package dev.holdfast.lock;

import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The lease handed out by {@link LockTemplate}: tracks its local deadline and whether it was released or lost. */
final class TemplateLease implements Lease {

    enum State {
        HELD,
        RELEASED,
        LOST
    }

    private final LockTemplate template;

    private final LockKey key;

    private final String name;

    private final String owner;

    private final int priority;

    private final long token;

    private final Duration leaseTime;

    private final long grantedNanos;

    private final AtomicReference<State> state = new AtomicReference<>(State.HELD);

    private volatile long renewedNanos;

    private volatile long leaseNanos;

    private volatile @Nullable String lostReason;

    TemplateLease(LockTemplate template, LockRequest request, String owner, long token, long askedNanos) {
        this.template = template;
        this.key = request.key();
        this.name = request.name();
        this.owner = owner;
        this.priority = request.priority();
        this.token = token;
        this.leaseTime = request.lease();
        this.grantedNanos = System.nanoTime();
        this.renewedNanos = askedNanos;
        this.leaseNanos = leaseTime.toNanos();
    }

    @Override
    public LockKey key() {
        return key;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public long token() {
        return token;
    }

    @Override
    public Duration leaseTime() {
        return leaseTime;
    }

    @Override
    public Duration remaining() {
        long left = deadlineNanos() - System.nanoTime();
        return (state.get() == State.HELD && left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public boolean isHeld() {
        return state.get() == State.HELD && System.nanoTime() - deadlineNanos() < 0;
    }

    @Override
    public boolean renew() {
        return renew(leaseTime);
    }

    @Override
    public boolean renew(Duration lease) {
        if (lease == null || lease.compareTo(LockRequest.MIN_LEASE) < 0) {
            throw new IllegalArgumentException(
                    "Lock [" + key + "] lease must be at least " + LockRequest.MIN_LEASE + ", but was " + lease);
        }
        if (state.get() != State.HELD) {
            return false;
        }
        long asked = System.nanoTime();
        if (template.store().renew(renewCommand(lease))) {
            renewed(asked, lease.toNanos());
            return true;
        }
        lost("renewal was refused: the lease had expired or another owner took the lock");
        return false;
    }

    @Override
    public boolean release() {
        if (state.get() != State.HELD) {
            return false;
        }
        ReleaseOutcome outcome = template.store().release(key, owner, token);
        if (outcome == ReleaseOutcome.NOT_HELD) {
            lost("release found the lock no longer held: the lease had expired or another owner took it");
            return false;
        }
        if (state.compareAndSet(State.HELD, State.RELEASED)) {
            template.released(this);
        }
        return true;
    }

    @Override
    public boolean releaseAfter(Duration minHold) {
        if (minHold == null || minHold.isNegative()) {
            throw new IllegalArgumentException(
                    "Lock [" + key + "] minimum hold must not be negative, but was " + minHold);
        }
        long left = minHold.toNanos() - (System.nanoTime() - grantedNanos);
        if (left <= 0) {
            return release();
        }
        if (state.get() != State.HELD) {
            return false;
        }
        Duration rest = Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000));
        if (!template.store().renew(renewCommand(rest))) {
            lost("cutting the lease to its minimum hold found the lock no longer held");
            return false;
        }
        if (state.compareAndSet(State.HELD, State.RELEASED)) {
            template.released(this);
        }
        return true;
    }

    @Override
    public void close() {
        if (!release() && state.get() == State.LOST) {
            throw new LockLostException("Lock [" + key + "] held by '" + owner + "' (token " + token
                    + ") was lost before it was released: " + lostReason);
        }
    }

    RenewCommand renewCommand(Duration lease) {
        return new RenewCommand(key, owner, token, lease);
    }

    void renewed(long askedNanos, long newLeaseNanos) {
        this.renewedNanos = askedNanos;
        this.leaseNanos = newLeaseNanos;
    }

    /** Mark the lease lost once, telling the template (and so the listeners). */
    void lost(String reason) {
        this.lostReason = reason;
        if (state.compareAndSet(State.HELD, State.LOST)) {
            template.lost(this, reason);
        }
    }

    boolean isActive() {
        return state.get() == State.HELD;
    }

    long renewedNanos() {
        return renewedNanos;
    }

    long leaseNanos() {
        return leaseNanos;
    }

    long deadlineNanos() {
        return renewedNanos + leaseNanos;
    }

    Duration heldFor() {
        return Duration.ofNanos(System.nanoTime() - grantedNanos);
    }

    @Override
    public String toString() {
        return "Lease[" + key + " by '" + owner + "', token " + token + ", " + state.get() + "]";
    }
}
