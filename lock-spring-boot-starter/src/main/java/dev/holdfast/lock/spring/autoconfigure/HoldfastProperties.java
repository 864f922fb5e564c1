package dev.holdfast.lock.spring.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Configuration properties for Holdfast's locks: which store, the defaults of {@code @Locked} methods, the watchdog
 * and this instance's id.
 */
@ConfigurationProperties("holdfast")
public class HoldfastProperties {

    /** Default order of the @Locked advisor: outside @Transactional (whose default order is the lowest precedence). */
    public static final int DEFAULT_ADVISOR_ORDER = Ordered.LOWEST_PRECEDENCE - 200;

    /** Lock store to use; 'auto' picks Redis, then the database, then memory, by what the application has. */
    private Store store = Store.AUTO;

    /** Lease of a @Locked method that names none: how long a grant lasts unless renewed. */
    private Duration defaultLease = Duration.ofSeconds(30);

    /** Wait of a @Locked method that names none: how long to wait for another holder to let go. */
    private Duration defaultWait = Duration.ZERO;

    /** Longest time between two runs of the watchdog that renews held leases. */
    private Duration watchdogPeriod = Duration.ofSeconds(1);

    /** Id of this application instance, the prefix of default lock owners; defaults to pid@host and a random suffix. */
    private @Nullable String instanceId;

    /** Order of the @Locked advisor; it must be smaller than the transaction advisor's for the lock to wrap it. */
    private int advisorOrder = DEFAULT_ADVISOR_ORDER;

    private final Redis redis = new Redis();

    public Store getStore() {
        return this.store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public Duration getDefaultLease() {
        return this.defaultLease;
    }

    public void setDefaultLease(Duration defaultLease) {
        this.defaultLease = defaultLease;
    }

    public Duration getDefaultWait() {
        return this.defaultWait;
    }

    public void setDefaultWait(Duration defaultWait) {
        this.defaultWait = defaultWait;
    }

    public Duration getWatchdogPeriod() {
        return this.watchdogPeriod;
    }

    public void setWatchdogPeriod(Duration watchdogPeriod) {
        this.watchdogPeriod = watchdogPeriod;
    }

    public @Nullable String getInstanceId() {
        return this.instanceId;
    }

    public void setInstanceId(@Nullable String instanceId) {
        this.instanceId = instanceId;
    }

    public int getAdvisorOrder() {
        return this.advisorOrder;
    }

    public void setAdvisorOrder(int advisorOrder) {
        this.advisorOrder = advisorOrder;
    }

    public Redis getRedis() {
        return this.redis;
    }

    /** Settings of the Redis lock store; its command timeout is the RedisConnectionFactory's. */
    public static class Redis {

        /** Prefix of every key the Redis lock store writes: letters, digits and '.', ':', '_', '-'. */
        private String keyPrefix = "holdfast";

        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    /** The lock stores {@code holdfast.store} can name. */
    public enum Store {

        /** Detect: Redis when there is a RedisConnectionFactory, else the database when there is a DataSource. */
        AUTO,

        /** The Redis store, over the application's RedisConnectionFactory. */
        REDIS,

        /** The database store of lock-jpa-offline, over the application's DataSource. */
        JDBC,

        /** The database store, as {@link #JDBC}. */
        JPA,

        /** The in-memory store: it locks within this process only. */
        MEMORY
    }
}
