package dev.holdfast.lock;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog of one template: renews every auto-renewed lease a third of the way through it, batching the leases
 * that are due together into one {@link LockStore#renewAll} call, and reports every held lease lost by its own local
 * deadline. A batch starts only when some lease is due, and takes with it the leases within a twelfth of their lease
 * of being due, so each lease is renewed between a quarter and a third of the way through it however the grants are
 * spread in time (sweeping every lease past a sixth on every tick renewed spread leases twice as often as needed).
 *
 * <p>Two threads: the watchdog thread only schedules and checks deadlines, so it never waits on the store; renewals
 * run on a renewal thread, one batch at a time. A store that hangs (a frozen network, a command timeout longer than the
 * lease) therefore cannot delay a loss report: when a lease's deadline, counted from before its last grant or renewal
 * was asked for, passes without a confirmed renewal, the lease is lost at once. A renewal that the store confirms after
 * that is given back, so the lock does not stay taken for a holder that was told it lost it.
 */
final class LeaseRenewer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LeaseRenewer.class);

    private final long periodNanos;

    private final Set<TemplateLease> leases = ConcurrentHashMap.newKeySet();

    private final AtomicLong nextTickNanos = new AtomicLong(Long.MAX_VALUE);

    private final AtomicBoolean renewing = new AtomicBoolean();

    private volatile Set<TemplateLease> inFlight = Set.of();

    private final ScheduledThreadPoolExecutor scheduler;

    private final ExecutorService renewals;

    LeaseRenewer(LockStore store, Duration period) {
        this.periodNanos = period.toNanos();
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("holdfast-watchdog-" + store.name()));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.renewals = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                daemon("holdfast-renewal-" + store.name()));
    }

    /** Watch a held lease: renew it if it asked for auto-renewal, and report it lost by its deadline in any case. */
    void register(TemplateLease lease) {
        if (lease.neverExpires()) {
            return;
        }
        leases.add(lease);
        scheduleBy(nextDueNanos(lease));
    }

    void unregister(TemplateLease lease) {
        leases.remove(lease);
    }

    /**
     * When the watchdog must next look at a lease: its renewal point, or only its deadline while a batch is in flight
     * (the batch's end schedules the next tick) or when it is not renewed.
     */
    private long nextDueNanos(TemplateLease lease) {
        if (!lease.autoRenew() || lease.neverExpires() || renewing.get() || inFlight.contains(lease)) {
            return lease.neverExpires() ? Long.MAX_VALUE : lease.deadlineNanos();
        }
        return renewAtNanos(lease);
    }

    private static long renewAtNanos(TemplateLease lease) {
        return lease.renewedNanos() + lease.leaseNanos() / 3;
    }

    private void scheduleBy(long dueNanos) {
        long now = System.nanoTime();
        long target = (dueNanos - now > periodNanos) ? now + periodNanos : dueNanos;
        while (true) {
            long current = nextTickNanos.get();
            if (current != Long.MAX_VALUE && current - target <= 0) {
                return;
            }
            if (nextTickNanos.compareAndSet(current, target)) {
                try {
                    scheduler.schedule(this::tick, Math.max(0, target - now), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException ex) {
                    // closed
                }
                return;
            }
        }
    }

    private void tick() {
        nextTickNanos.set(Long.MAX_VALUE);
        try {
            reportDeadlines();
            startRenewals();
        } catch (RuntimeException ex) {
            logger.error("Holdfast watchdog failed", ex);
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long next = Long.MAX_VALUE;
        for (TemplateLease lease : leases) {
            long due = nextDueNanos(lease);
            if (next == Long.MAX_VALUE || due - next < 0) {
                next = due;
            }
        }
        if (next != Long.MAX_VALUE) {
            scheduleBy(next);
        }
    }

    private void reportDeadlines() {
        long now = System.nanoTime();
        for (TemplateLease lease : leases) {
            if (!lease.isWatched()) {
                leases.remove(lease);
            } else if (!lease.neverExpires() && lease.deadlineNanos() - now <= 0) {
                leases.remove(lease);
                lease.ranOut(
                        inFlight.contains(lease)
                                ? "the lease ran out before the store confirmed its renewal"
                                : "the lease ran out");
            }
        }
    }

    private void startRenewals() {
        if (!renewing.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        List<TemplateLease> due = new ArrayList<>();
        boolean anyDue = false;
        for (TemplateLease lease : leases) {
            if (lease.autoRenew() && lease.isWatched() && !lease.neverExpires()) {
                long renewAt = renewAtNanos(lease);
                if (renewAt - now <= 0) {
                    anyDue = true;
                    due.add(lease);
                } else if (renewAt - lease.leaseNanos() / 12 - now <= 0) {
                    due.add(lease);
                }
            }
        }
        if (!anyDue) {
            renewing.set(false);
            return;
        }
        inFlight = Set.copyOf(due);
        try {
            renewals.execute(() -> renew(due));
        } catch (RejectedExecutionException ex) {
            inFlight = Set.of();
            renewing.set(false);
        }
    }

    private void renew(List<TemplateLease> due) {
        try {
            // One batch per store the leases came from: plain locks, semaphores, read/write locks.
            Map<LeaseBackend, List<TemplateLease>> byBackend = new LinkedHashMap<>();
            for (TemplateLease lease : due) {
                byBackend
                        .computeIfAbsent(lease.backend(), (backend) -> new ArrayList<>())
                        .add(lease);
            }
            byBackend.forEach(LeaseRenewer::renew);
        } finally {
            inFlight = Set.of();
            renewing.set(false);
            scheduleNext();
        }
    }

    private static void renew(LeaseBackend backend, List<TemplateLease> due) {
        List<RenewCommand> commands = new ArrayList<>(due.size());
        for (TemplateLease lease : due) {
            commands.add(lease.renewCommand(lease.leaseTime()));
        }
        long asked = System.nanoTime();
        Set<RenewCommand> lost;
        try {
            lost = new HashSet<>(backend.renewAll(commands));
        } catch (RuntimeException ex) {
            for (TemplateLease lease : due) {
                lease.renewalFailed(ex);
            }
            return;
        }
        for (int i = 0; i < due.size(); i++) {
            TemplateLease lease = due.get(i);
            if (lost.contains(commands.get(i))) {
                lease.lost("the watchdog's renewal was refused: the lease had expired or another owner took the lock");
            } else if (lease.isWatched()) {
                lease.renewedByWatchdog(asked);
            } else {
                giveBack(backend, lease);
            }
        }
    }

    /** A renewal confirmed after the lease was reported lost: free the hold rather than keep it for nobody. */
    private static void giveBack(LeaseBackend backend, TemplateLease lease) {
        if (!lease.isLostByDeadline()) {
            return;
        }
        try {
            backend.release(lease.key(), lease.owner(), lease.token());
        } catch (RuntimeException ex) {
            logger.debug("Lock [{}] renewed after it was reported lost could not be given back", lease.key(), ex);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        renewals.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return (runnable) -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
