package dev.holdfast.lock.spring.actuate.health;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.LockStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for a {@link LockStore}: up when the store answers a cheap read (the holder of a probe key
 * that is never locked), down with the store's error otherwise.
 */
public class LockStoreHealthIndicator extends AbstractHealthIndicator {

    /** The key read to probe the store; nothing locks it. */
    public static final LockKey PROBE = new LockKey("holdfast", "health-probe");

    private final LockStore store;

    /**
     * Create an indicator for a store.
     *
     * @param store the store
     */
    public LockStoreHealthIndicator(LockStore store) {
        super("Lock store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("store", store.name());
        store.inspect(PROBE);
        builder.up();
    }
}
