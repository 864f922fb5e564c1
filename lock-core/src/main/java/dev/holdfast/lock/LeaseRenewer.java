package dev.holdfast.lock;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog: one thread per template renews every auto-renewed lease a third of the way through it, batching the
 * leases that are due together into one {@link LockStore#renewAll} call.
 */
final class LeaseRenewer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LeaseRenewer.class);

    private final LockStore store;

    private final LockTemplate template;

    private final long periodNanos;

    private final Set<TemplateLease> leases = ConcurrentHashMap.newKeySet();

    private final AtomicLong nextTickNanos = new AtomicLong(Long.MAX_VALUE);

    private final ScheduledThreadPoolExecutor executor;

    LeaseRenewer(LockTemplate template, Duration period) {
        this.template = template;
        this.store = template.store();
        this.periodNanos = period.toNanos();
        this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
            Thread thread = new Thread(runnable, "holdfast-watchdog-" + store.name());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    void register(TemplateLease lease) {
        leases.add(lease);
        scheduleBy(dueNanos(lease));
    }

    void unregister(TemplateLease lease) {
        leases.remove(lease);
    }

    int size() {
        return leases.size();
    }

    private static long dueNanos(TemplateLease lease) {
        return lease.renewedNanos() + lease.leaseNanos() / 3;
    }

    private void scheduleBy(long dueNanos) {
        long now = System.nanoTime();
        long target = Math.min(dueNanos, now + periodNanos);
        while (true) {
            long current = nextTickNanos.get();
            if (current - target <= 0 && current != Long.MAX_VALUE) {
                return;
            }
            if (nextTickNanos.compareAndSet(current, target)) {
                if (!executor.isShutdown()) {
                    executor.schedule(this::tick, Math.max(0, target - now), TimeUnit.NANOSECONDS);
                }
                return;
            }
        }
    }

    private void tick() {
        nextTickNanos.set(Long.MAX_VALUE);
        try {
            renewDue();
        } catch (RuntimeException ex) {
            logger.error("Holdfast watchdog failed", ex);
        } finally {
            long next = Long.MAX_VALUE;
            for (TemplateLease lease : leases) {
                next = Math.min(next, dueNanos(lease));
            }
            if (next != Long.MAX_VALUE) {
                scheduleBy(next);
            }
        }
    }

    private void renewDue() {
        long now = System.nanoTime();
        List<TemplateLease> due = new ArrayList<>();
        for (TemplateLease lease : leases) {
            if (!lease.isActive()) {
                leases.remove(lease);
            } else if (dueNanos(lease) - lease.leaseNanos() / 6 - now <= 0) {
                due.add(lease);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        List<RenewCommand> commands = new ArrayList<>(due.size());
        for (TemplateLease lease : due) {
            commands.add(lease.renewCommand(lease.leaseTime()));
        }
        Set<RenewCommand> lost;
        try {
            lost = new HashSet<>(store.renewAll(commands));
        } catch (RuntimeException ex) {
            for (TemplateLease lease : due) {
                template.renewalFailed(lease, ex);
                if (lease.deadlineNanos() - System.nanoTime() <= 0) {
                    lease.lost("the lease ran out while the store could not be reached: " + ex.getMessage());
                }
            }
            return;
        }
        for (int i = 0; i < due.size(); i++) {
            TemplateLease lease = due.get(i);
            if (lost.contains(commands.get(i))) {
                lease.lost("the watchdog's renewal was refused: the lease had expired or another owner took the lock");
            } else if (lease.isActive()) {
                lease.renewed(now, lease.leaseTime().toNanos());
                template.renewed(lease);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
