package dev.holdfast.lock.spring.autoconfigure;

/**
 * The lock stores {@code holdfast.store} can name. Spring Boot binds the property to this type wherever it is read,
 * in {@link HoldfastProperties} and in {@link ConditionalOnLockStore}, so that there is one parse: case and dashes do
 * not matter, and any other value fails at startup naming the property.
 */
public enum LockStoreType {

    /** Detect: Redis when there is a RedisConnectionFactory, else the database when there is a DataSource, else memory. */
    AUTO,

    /** The Redis store, over the application's RedisConnectionFactory. */
    REDIS,

    /** The database store of holdfast-lock-jpa-offline, over the application's DataSource. */
    JDBC,

    /** The in-memory store: it locks within this process only. */
    MEMORY,

    /**
     * The database store under its former name: the same as {@link #JDBC}, with a warning at startup.
     *
     * @deprecated the database store is plain JDBC: use {@link #JDBC} ({@code holdfast.store=jdbc})
     */
    @Deprecated(since = "0.1.0")
    JPA;

    /** Return the store this value selects: {@link #JDBC} for the {@link #JPA} alias, else this value. */
    LockStoreType canonical() {
        return (this == JPA) ? JDBC : this;
    }
}
