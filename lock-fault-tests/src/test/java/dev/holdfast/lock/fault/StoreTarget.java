package dev.holdfast.lock.fault;

import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a store lives and how to reach it, in a form that crosses a process boundary as {@code name=value}
 * arguments, so that a client JVM opens its own connections to the same store as the test.
 *
 * @param kind the store
 * @param address {@code host:port} for Redis, the JDBC URL for the databases, empty for memory
 * @param user the database user, empty otherwise
 * @param password the database password, empty for none
 * @param prefix the Redis key prefix, unique to one test class run; empty otherwise
 * @param timeout the command timeout (Redis) or connection timeout (databases); zero for the driver's default
 */
record StoreTarget(StoreKind kind, String address, String user, String password, String prefix, Duration timeout) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Return the shared test service of a kind (see {@link TestServices}), in a database of this JVM's own for
     * PostgreSQL and MariaDB ({@link FaultDatabases}); memory and H2 are private to this JVM.
     *
     * @param kind the store
     * @return the target
     */
    static StoreTarget shared(StoreKind kind) {
        return switch (kind) {
            case MEMORY -> new StoreTarget(kind, "", "", "", "", DEFAULT_TIMEOUT);
            case H2 ->
                new StoreTarget(
                        kind, "jdbc:h2:mem:fault-" + unique() + ";DB_CLOSE_DELAY=-1", "sa", "", "", DEFAULT_TIMEOUT);
            case REDIS -> redis(TestServices.redis(), DEFAULT_TIMEOUT);
            case POSTGRES, MARIADB -> jdbc(kind, FaultDatabases.of(kind));
        };
    }

    /**
     * Return a Redis target with a key prefix of its own.
     *
     * @param redis where Redis listens
     * @param timeout the command timeout, zero for Lettuce's default (60 s)
     * @return the target
     */
    static StoreTarget redis(RedisService redis, Duration timeout) {
        return new StoreTarget(
                StoreKind.REDIS, redis.host() + ":" + redis.port(), "", "", "hf-fault-" + unique(), timeout);
    }

    /**
     * Return a database target.
     *
     * @param kind {@link StoreKind#POSTGRES} or {@link StoreKind#MARIADB}
     * @param database how to connect
     * @return the target
     */
    static StoreTarget jdbc(StoreKind kind, JdbcService database) {
        return new StoreTarget(kind, database.url(), database.username(), database.password(), "", DEFAULT_TIMEOUT);
    }

    /**
     * Return the same store reached at another address (through a proxy), with another timeout.
     *
     * @param otherAddress {@code host:port} for Redis, the JDBC URL for the databases
     * @param otherTimeout the command or connection timeout, zero for the driver's default
     * @return the target
     */
    StoreTarget at(String otherAddress, Duration otherTimeout) {
        return new StoreTarget(kind, otherAddress, user, password, prefix, otherTimeout);
    }

    /**
     * Read a target from the options a client JVM was started with.
     *
     * @param options the {@code name=value} arguments
     * @return the target
     */
    static StoreTarget fromOptions(Map<String, String> options) {
        return new StoreTarget(
                StoreKind.valueOf(options.get("store")),
                options.getOrDefault("address", ""),
                options.getOrDefault("user", ""),
                options.getOrDefault("password", ""),
                options.getOrDefault("prefix", ""),
                Duration.ofMillis(Long.parseLong(options.getOrDefault("timeoutMillis", "0"))));
    }

    /**
     * Return this target as {@code name=value} arguments for a client JVM.
     *
     * @return the arguments
     */
    List<String> toOptions() {
        return List.of(
                "store=" + kind,
                "address=" + address,
                "user=" + user,
                "password=" + password,
                "prefix=" + prefix,
                "timeoutMillis=" + timeout.toMillis());
    }

    /**
     * Open a client of this store with connections of its own, creating the lock table when it is missing.
     *
     * @return the opened store, to close when done
     */
    OpenedStore open() {
        return OpenedStore.open(this, true);
    }

    @Override
    public String toString() {
        return kind + ((address.isEmpty()) ? "" : " at " + address);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
