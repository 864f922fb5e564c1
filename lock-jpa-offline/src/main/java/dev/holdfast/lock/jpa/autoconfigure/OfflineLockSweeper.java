package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jpa.offline.OfflineLocks;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Sweeps stale offline locks on a single daemon thread while the application context runs. */
class OfflineLockSweeper implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(OfflineLockSweeper.class);

    private final OfflineLocks locks;

    private final Duration interval;

    private volatile @Nullable ScheduledExecutorService executor;

    /**
     * Create the sweeper.
     *
     * @param locks the locks to sweep
     * @param interval the time between two sweeps, as checked by {@link OfflineLockProperties}
     */
    OfflineLockSweeper(OfflineLocks locks, Duration interval) {
        this.locks = locks;
        this.interval = interval;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "holdfast-offline-lock-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, this.interval.toMillis());
        executor.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
        this.executor = executor;
    }

    void sweep() {
        try {
            int swept = this.locks.sweep();
            if (swept > 0) {
                logger.debug("Swept {} stale offline locks", swept);
            }
        } catch (RuntimeException ex) {
            logger.warn("Sweeping stale offline locks failed", ex);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = this.executor;
        if (executor != null) {
            executor.shutdownNow();
            this.executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }
}
