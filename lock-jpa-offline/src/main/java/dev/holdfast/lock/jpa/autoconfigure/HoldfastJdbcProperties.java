package dev.holdfast.lock.jpa.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Schema initialisation of Holdfast's lock tables, modelled on Boot's own ({@code holdfast.jdbc.initialize-schema}
 * is {@code embedded} by default: the tables are created on H2, HSQLDB or Derby and left alone elsewhere).
 */
@ConfigurationProperties("holdfast.jdbc")
public class HoldfastJdbcProperties extends DatabaseInitializationProperties {

    /** Where the platform schema scripts live, {@code @@platform@@} replaced by {@code postgresql}, {@code mysql} or {@code h2}. */
    public static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/holdfast/lock/jpa/schema-@@platform@@.sql";

    /**
     * Whether the database lock store wakes waiters by LISTEN/NOTIFY on PostgreSQL; turn it off behind a
     * transaction-pooling proxy such as PgBouncer, where notifications do not arrive and waiters must poll.
     */
    private boolean listen = true;

    @Override
    public String getDefaultSchemaLocation() {
        return DEFAULT_SCHEMA_LOCATION;
    }

    public boolean isListen() {
        return this.listen;
    }

    public void setListen(boolean listen) {
        this.listen = listen;
    }
}
