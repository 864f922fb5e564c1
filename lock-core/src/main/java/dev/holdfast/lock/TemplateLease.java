package dev.holdfast.lock;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The lease handed out by {@link LockTemplate}: tracks its local deadline and whether it was released or lost, and
 * reports both to the {@link HeldLeases} it is registered with.
 *
 * <p>The state moves from {@code HELD} to {@code RELEASED} or {@code LOST} exactly once, under a monitor, so a lease
 * gives back its hold exactly once whatever the threads: a release first moves to {@code RELEASING} (a second
 * release, or a {@code close()}, then does nothing), and only the answer of the store decides. A loss reported while
 * a release is on its way (the watchdog's renewal refused because the release already freed the lock, or the local
 * deadline passing) is held back: the release's answer says whether the lease had been lost, so a lease that was not
 * lost is never reported lost, and one that was is always reported.
 */
final class TemplateLease implements Lease {

    enum State {
        HELD,
        RELEASING,
        RELEASED,
        LOST
    }

    private static final String RELEASED_NOT_HELD =
            "release found the lock no longer held: the lease had expired or another owner took it";

    private final LeaseBackend store;

    private final HeldLeases leases;

    private final LockKey key;

    private final String name;

    private final LockKind kind;

    private final String owner;

    private final int priority;

    private final long token;

    private final Duration leaseTime;

    private final boolean autoRenew;

    private final long grantedNanos;

    private final Object monitor = new Object();

    private State state = State.HELD;

    private @Nullable String lostReason;

    private @Nullable String pendingLoss;

    private boolean ranOut;

    private volatile long renewedNanos;

    private volatile Duration currentLease;

    TemplateLease(
            LeaseBackend store,
            HeldLeases leases,
            LockKey key,
            String name,
            LockKind kind,
            String owner,
            int priority,
            long token,
            Duration lease,
            boolean autoRenew,
            long askedNanos) {
        this.store = store;
        this.leases = leases;
        this.key = key;
        this.name = name;
        this.kind = kind;
        this.owner = owner;
        this.priority = priority;
        this.token = token;
        this.leaseTime = lease;
        this.autoRenew = autoRenew;
        this.grantedNanos = System.nanoTime();
        this.renewedNanos = askedNanos;
        this.currentLease = lease;
    }

    /** Return the store this lease renews with and gives its hold back to. */
    LeaseBackend backend() {
        return store;
    }

    @Override
    public LockKey key() {
        return key;
    }

    @Override
    public String name() {
        return name;
    }

    /** Return which kind of lock this lease holds. */
    LockKind kind() {
        return kind;
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
        if (!isActive()) {
            return Duration.ZERO;
        }
        if (neverExpires()) {
            return LockRequest.FOREVER;
        }
        long left = deadlineNanos() - System.nanoTime();
        return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public boolean isHeld() {
        return isActive() && (neverExpires() || System.nanoTime() - deadlineNanos() < 0);
    }

    @Override
    public boolean renew() {
        return renew(leaseTime);
    }

    @Override
    public boolean renew(Duration lease) {
        LockRequest.validateLease(key, "lease", lease);
        if (!isActive()) {
            return false;
        }
        long asked = System.nanoTime();
        boolean wasForever = neverExpires();
        if (store.renew(renewCommand(lease))) {
            renewed(asked, lease);
            if (wasForever && !neverExpires()) {
                leases.watch(this);
            }
            return true;
        }
        lost("renewal was refused: the lease had expired or another owner took the lock");
        return false;
    }

    @Override
    public boolean release() {
        return finish(() -> store.release(key, owner, token), RELEASED_NOT_HELD);
    }

    @Override
    public boolean releaseAfter(Duration minHold) {
        LockRequest.validateMinHold(key, minHold);
        long left = minHold.toNanos() - (System.nanoTime() - grantedNanos);
        if (left <= 0) {
            return release();
        }
        Duration rest = Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000));
        return finish(
                () -> store.renew(renewCommand(rest)),
                "cutting the lease to its minimum hold found the lock no longer held");
    }

    @Override
    public void close() {
        if (release()) {
            return;
        }
        String reason;
        synchronized (monitor) {
            boolean interrupted = false;
            while (state == State.RELEASING) {
                // Another thread's release is on its way: its answer says whether the lease had been lost.
                try {
                    monitor.wait();
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (state != State.LOST) {
                return;
            }
            reason = lostReason;
        }
        throw lostException(reason);
    }

    @Override
    public CompletableFuture<Void> closeAsync(Executor offload) {
        return releaseAsync(offload).thenApply((released) -> {
            String reason = released ? null : lostReason();
            if (reason != null) {
                throw lostException(reason);
            }
            return null;
        });
    }

    private LockLostException lostException(@Nullable String reason) {
        return new LockLostException("Lock [" + key + "] held by '" + owner + "' (token " + token
                + ") was lost before it was released: " + reason);
    }

    /**
     * Give the hold back once: only the thread that moves the lease from held to releasing calls the store.
     *
     * @param storeCall the store call, answering whether the lease was still held
     * @param notHeld the loss reason when it was not
     * @return {@code true} when this call gave the hold back
     */
    private boolean finish(Supplier<Boolean> storeCall, String notHeld) {
        if (!startFinishing()) {
            return false;
        }
        boolean held;
        try {
            held = storeCall.get();
        } catch (RuntimeException ex) {
            unfinished();
            throw ex;
        }
        return finished(held, notHeld);
    }

    /**
     * Give the hold back once without blocking the caller, as {@link #release()} does: through the store's
     * {@link LockStore#releaseAsync}. The future completes with {@code true} when this call gave the hold back,
     * {@code false} when the lease was released before or lost (then told as a loss), or with the store's failure.
     */
    CompletableFuture<Boolean> releaseAsync(Executor offload) {
        if (!startFinishing()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> held;
        try {
            held = store.releaseAsync(key, owner, token, offload);
        } catch (RuntimeException ex) {
            held = CompletableFuture.failedFuture(ex);
        }
        return held.handle((answer, ex) -> {
            if (ex != null) {
                unfinished();
                throw (ex instanceof CompletionException completion) ? completion : new CompletionException(ex);
            }
            return finished(answer, RELEASED_NOT_HELD);
        });
    }

    /** Return whether this lease is lost, and why, once no release is on its way; {@code null} when not lost. */
    @Nullable
    String lostReason() {
        synchronized (monitor) {
            return (state == State.LOST) ? lostReason : null;
        }
    }

    private boolean startFinishing() {
        synchronized (monitor) {
            if (state != State.HELD) {
                return false;
            }
            state = State.RELEASING;
            return true;
        }
    }

    /** The store could not answer: as far as we know the hold is still ours, and a loss heard meanwhile stands. */
    private void unfinished() {
        String heard;
        synchronized (monitor) {
            state = State.HELD;
            heard = pendingLoss;
            pendingLoss = null;
            monitor.notifyAll();
        }
        if (heard != null) {
            lost(heard);
        }
    }

    private boolean finished(boolean held, String notHeld) {
        String reason = null;
        synchronized (monitor) {
            if (held) {
                state = State.RELEASED;
            } else {
                state = State.LOST;
                reason = (pendingLoss != null) ? pendingLoss : notHeld;
                lostReason = reason;
            }
            pendingLoss = null;
            monitor.notifyAll();
        }
        if (reason != null) {
            leases.lost(this, reason);
            return false;
        }
        leases.released(this);
        return true;
    }

    RenewCommand renewCommand(Duration lease) {
        return new RenewCommand(key, owner, token, lease);
    }

    /** Record a renewal asked for at {@code askedNanos}; ignored once the lease is no longer held. */
    void renewed(long askedNanos, Duration lease) {
        synchronized (monitor) {
            if (state == State.HELD || state == State.RELEASING) {
                this.renewedNanos = askedNanos;
                this.currentLease = lease;
            }
        }
    }

    /** Record a renewal by the watchdog, asked for at {@code askedNanos}, and tell the listeners. */
    void renewedByWatchdog(long askedNanos) {
        renewed(askedNanos, leaseTime);
        leases.renewed(this);
    }

    /** Tell the listeners that the watchdog's renewal could not reach the store. */
    void renewalFailed(Throwable error) {
        leases.renewalFailed(this, error);
    }

    /**
     * Mark the lease lost once, telling the registry (and so the listeners). While a release is on its way the loss
     * is held back for the release's answer to decide.
     */
    void lost(String reason) {
        synchronized (monitor) {
            if (state == State.RELEASING) {
                if (pendingLoss == null) {
                    pendingLoss = reason;
                }
                return;
            }
            if (state != State.HELD) {
                return;
            }
            state = State.LOST;
            lostReason = reason;
        }
        leases.lost(this, reason);
    }

    /** Report the lease lost because its local deadline passed without a confirmed renewal. */
    void ranOut(String reason) {
        synchronized (monitor) {
            if (state == State.HELD) {
                ranOut = true;
            }
        }
        lost(reason);
    }

    /** Return whether the lease was lost by its local deadline (the store may still hold it). */
    boolean isLostByDeadline() {
        synchronized (monitor) {
            return state == State.LOST && ranOut;
        }
    }

    boolean isActive() {
        synchronized (monitor) {
            return state == State.HELD;
        }
    }

    /** Return whether the lease still counts as held for the watchdog: held, or its release not yet answered. */
    boolean isWatched() {
        synchronized (monitor) {
            return state == State.HELD || state == State.RELEASING;
        }
    }

    boolean autoRenew() {
        return autoRenew;
    }

    boolean neverExpires() {
        return LockRequest.isForever(currentLease);
    }

    long renewedNanos() {
        return renewedNanos;
    }

    long leaseNanos() {
        return currentLease.toNanos();
    }

    long deadlineNanos() {
        return renewedNanos + leaseNanos();
    }

    Duration heldFor() {
        return Duration.ofNanos(System.nanoTime() - grantedNanos);
    }

    @Override
    public String toString() {
        State current;
        synchronized (monitor) {
            current = state;
        }
        return "Lease[" + key + " by '" + owner + "', token " + token + ", " + current + "]";
    }
}
