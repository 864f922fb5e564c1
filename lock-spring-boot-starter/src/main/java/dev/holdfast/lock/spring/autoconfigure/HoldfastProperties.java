package dev.holdfast.lock.spring.autoconfigure;

import static dev.holdfast.lock.spring.autoconfigure.LockConfigurationException.invalid;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spring.aop.LockedConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for Holdfast's locks: which store, the defaults of {@code @Locked} methods, the watchdog,
 * this instance's id, what web applications tell clients about lock conflicts, and the Spring Integration and ShedLock
 * adapters. Each setter rejects a value Holdfast cannot work with, naming the property and the value, so
 * that a bad value fails the application at startup; the defaults are the core's own.
 */
@ConfigurationProperties("holdfast")
public class HoldfastProperties {

    /** Default order of the @Locked advisor: outside @Transactional (whose default order is the lowest precedence). */
    public static final int DEFAULT_ADVISOR_ORDER = LockedConfiguration.DEFAULT_ADVISOR_ORDER;

    /** Longest instance id: a default owner is the id, ':' and a thread id of up to 19 digits. */
    static final int MAX_INSTANCE_ID_LENGTH = LockRequest.MAX_OWNER_LENGTH - 20;

    /** Lock store to use; 'auto' picks Redis, then the database, then memory, by what the application has. */
    private LockStoreType store = LockStoreType.AUTO;

    /** Lease of a @Locked method that names none: how long a grant lasts unless renewed, from 1ms to 365d. */
    private Duration defaultLease = LockRequest.DEFAULT_LEASE;

    /** Wait of a @Locked method that names none: how long to wait for another holder to let go, up to 365d. */
    private Duration defaultWait = LockRequest.DEFAULT_WAIT;

    /** Longest time between two runs of the watchdog that renews held leases; positive, at most 365d. */
    private Duration watchdogPeriod = LockTemplate.DEFAULT_WATCHDOG_PERIOD;

    /** Id of this application instance, the prefix of default lock owners; defaults to pid@host and a random suffix. */
    private @Nullable String instanceId;

    /** Order of the @Locked advisor; it must be smaller than the transaction advisor's for the lock to wrap it. */
    private int advisorOrder = DEFAULT_ADVISOR_ORDER;

    private final Redis redis = new Redis();

    private final Web web = new Web();
    private final Integration integration = new Integration();

    private final Shedlock shedlock = new Shedlock();

    @NestedConfigurationProperty
    private final MailboxProperties mailbox = new MailboxProperties();

    public LockStoreType getStore() {
        return this.store;
    }

    public void setStore(@Nullable LockStoreType store) {
        this.store = (store != null) ? store : LockStoreType.AUTO;
    }

    public Duration getDefaultLease() {
        return this.defaultLease;
    }

    public void setDefaultLease(Duration defaultLease) {
        this.defaultLease = checked(
                "holdfast.default-lease",
                defaultLease,
                LockRequest.MIN_LEASE,
                LockRequest.MAX_LEASE,
                "a lease must be from " + LockRequest.MIN_LEASE.toMillis() + "ms to " + LockRequest.MAX_LEASE.toDays()
                        + "d.",
                "10s");
    }

    public Duration getDefaultWait() {
        return this.defaultWait;
    }

    public void setDefaultWait(Duration defaultWait) {
        this.defaultWait = checked(
                "holdfast.default-wait",
                defaultWait,
                Duration.ZERO,
                LockRequest.MAX_WAIT,
                "a wait must be from 0 (try once) to " + LockRequest.MAX_WAIT.toDays() + "d.",
                "5s");
    }

    public Duration getWatchdogPeriod() {
        return this.watchdogPeriod;
    }

    public void setWatchdogPeriod(Duration watchdogPeriod) {
        this.watchdogPeriod = checked(
                "holdfast.watchdog-period",
                watchdogPeriod,
                Duration.ofNanos(1),
                LockRequest.MAX_LEASE,
                "the watchdog period must be positive and at most " + LockRequest.MAX_LEASE.toDays() + "d.",
                "500ms");
    }

    public @Nullable String getInstanceId() {
        return this.instanceId;
    }

    public void setInstanceId(@Nullable String instanceId) {
        String rule = null;
        if (instanceId != null && instanceId.isBlank()) {
            rule = "an instance id must not be blank.";
        } else if (instanceId != null && instanceId.length() > MAX_INSTANCE_ID_LENGTH) {
            rule = "an instance id is at most " + MAX_INSTANCE_ID_LENGTH + " characters, so that the default owners "
                    + "it starts fit in " + LockRequest.MAX_OWNER_LENGTH + ".";
        } else if (instanceId != null
                && (instanceId.chars().anyMatch(Character::isISOControl)
                        || !new String(instanceId.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                                .equals(instanceId))) {
            rule = "an instance id must be well-formed Unicode without control characters.";
        }
        if (rule != null) {
            throw invalid(
                    "holdfast.instance-id",
                    instanceId,
                    rule,
                    "Set holdfast.instance-id to a short printable name of this instance (such as orders-1), or "
                            + "remove it for pid@host and a random suffix.");
        }
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

    public Web getWeb() {
        return this.web;
    }

    public Integration getIntegration() {
        return this.integration;
    }

    public Shedlock getShedlock() {
        return this.shedlock;
    }

    public MailboxProperties getMailbox() {
        return this.mailbox;
    }

    private static String checkedNamespace(String property, @Nullable String namespace, String example) {
        try {
            new LockKey(namespace, "*");
        } catch (IllegalArgumentException ex) {
            throw invalid(
                    property,
                    namespace,
                    "a lock namespace holds 1 to " + LockKey.MAX_NAMESPACE_LENGTH + " letters, digits, '.', '_' and "
                            + "'-'.",
                    "Set " + property + " to such a name (such as " + example + "), or remove it to use the "
                            + "default.");
        }
        return namespace;
    }

    private static Duration checked(
            String property, @Nullable Duration value, Duration least, Duration most, String rule, String example) {
        if (value == null || value.compareTo(least) < 0 || value.compareTo(most) > 0) {
            throw invalid(
                    property,
                    value,
                    rule,
                    "Set " + property + " to a duration in that range (such as " + example + "), or remove it to use "
                            + "the default.");
        }
        return value;
    }

    /** Settings of the Redis lock store; its command timeout is the RedisConnectionFactory's. */
    public static class Redis {

        /** Prefix of every key the Redis lock store writes: letters, digits and '.', ':', '_', '-'. */
        private String keyPrefix = RedisLockStore.DEFAULT_PREFIX;

        /** Number of replicas that must acknowledge a grant or renewal (WAIT) before it counts; 0 waits for none. */
        private int replicasToAck;

        /** Longest time a grant or renewal waits for its replicas before it fails. */
        private Duration replicaAckTimeout = Duration.ofSeconds(1);

        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public int getReplicasToAck() {
            return this.replicasToAck;
        }

        public void setReplicasToAck(int replicasToAck) {
            if (replicasToAck < 0) {
                throw new LockConfigurationException(
                        "holdfast.redis.replicas-to-ack",
                        "holdfast.redis.replicas-to-ack is " + replicasToAck + ", but it must be 0 or more.",
                        "Set holdfast.redis.replicas-to-ack to the number of replicas that must acknowledge a grant"
                                + " (0 for none).");
            }
            this.replicasToAck = replicasToAck;
        }

        public Duration getReplicaAckTimeout() {
            return this.replicaAckTimeout;
        }

        public void setReplicaAckTimeout(Duration replicaAckTimeout) {
            if (replicaAckTimeout == null
                    || replicaAckTimeout.toMillis() < 1
                    || replicaAckTimeout.compareTo(Duration.ofMinutes(1)) > 0
                    || !replicaAckTimeout.equals(Duration.ofMillis(replicaAckTimeout.toMillis()))) {
                throw new LockConfigurationException(
                        "holdfast.redis.replica-ack-timeout",
                        "holdfast.redis.replica-ack-timeout is " + replicaAckTimeout
                                + ", but it must be whole milliseconds from 1ms to 1m.",
                        "Set holdfast.redis.replica-ack-timeout to a few hundred milliseconds, shorter than"
                                + " spring.data.redis.timeout.");
            }
            this.replicaAckTimeout = replicaAckTimeout;
        }
    }

    /**
     * Settings of the problem details that Spring MVC and WebFlux applications answer lock exceptions with; they are
     * turned off as a whole with {@code holdfast.web.problem-details.enabled=false}.
     */
    public static class Web {

        /** Whether a lock conflict's problem detail names the lock's holder, who is often a user. */
        private boolean exposeOwner = false;

        public boolean isExposeOwner() {
            return this.exposeOwner;
        }

        public void setExposeOwner(boolean exposeOwner) {
            this.exposeOwner = exposeOwner;
        }
    }

    /** Settings of the Spring Integration LockRegistry over Holdfast's locks. */
    public static class Integration {

        /** Whether to provide a Spring Integration LockRegistry when the application declares none. */
        private boolean enabled = true;

        /** Namespace of the LockRegistry's lock keys: letters, digits and '.', '_', '-'. */
        private String namespace = "integration";

        /** Lease of a LockRegistry lock that names none, renewed by the watchdog while held; from 1ms to 365d. */
        private Duration lease = LockRequest.DEFAULT_LEASE;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getNamespace() {
            return this.namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = checkedNamespace("holdfast.integration.namespace", namespace, "orders");
        }

        public Duration getLease() {
            return this.lease;
        }

        public void setLease(Duration lease) {
            this.lease = checked(
                    "holdfast.integration.lease",
                    lease,
                    LockRequest.MIN_LEASE,
                    LockRequest.MAX_LEASE,
                    "a lease must be from " + LockRequest.MIN_LEASE.toMillis() + "ms to "
                            + LockRequest.MAX_LEASE.toDays() + "d.",
                    "10s");
        }
    }

    /** Settings of the ShedLock LockProvider over Holdfast's locks. */
    public static class Shedlock {

        /** Whether to provide a ShedLock LockProvider when the application declares none. */
        private boolean enabled = true;

        /** Namespace of ShedLock's lock names: letters, digits and '.', '_', '-'. */
        private String namespace = "shedlock";

        /** Whether the watchdog renews a ShedLock lock while its task runs, so lockAtMostFor bounds a dead holder only. */
        private boolean keepAlive = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getNamespace() {
            return this.namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = checkedNamespace("holdfast.shedlock.namespace", namespace, "jobs");
        }

        public boolean isKeepAlive() {
            return this.keepAlive;
        }

        public void setKeepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
        }
    }
}
