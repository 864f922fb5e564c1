package dev.holdfast.lock.jdbc.internal;

import dev.holdfast.lock.LockException;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source is, read once from its metadata as Spring Boot's {@link DatabaseDriver} (MariaDB
 * reached through a MySQL driver is told apart by its version string), with the classification of its failures.
 * Immutable and thread-safe. Internal: see the package documentation.
 */
public final class Database {

    private final DatabaseDriver driver;

    private final DatabaseFailures failures;

    private Database(DatabaseDriver driver, DatabaseFailures failures) {
        this.driver = driver;
        this.failures = failures;
    }

    /**
     * Read which database a data source is from its metadata (one connection, once).
     *
     * @param dataSource the data source
     * @return the database
     * @throws LockException when the data source cannot be reached
     */
    public static Database of(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, Database::of);
        } catch (MetaDataAccessException ex) {
            throw new LockException(
                    "Database behind data source [" + dataSource + "] could not be determined from its metadata", ex);
        }
    }

    private static Database of(DatabaseMetaData metaData) throws java.sql.SQLException {
        return of(metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion());
    }

    /**
     * Return the database of a JDBC product name and version.
     *
     * @param productName the product name, such as {@code PostgreSQL} or {@code MariaDB}
     * @param productVersion the product version, which names MariaDB behind a MySQL driver
     * @return the database
     */
    public static Database of(@Nullable String productName, @Nullable String productVersion) {
        DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
        if (driver == DatabaseDriver.MYSQL
                && productVersion != null
                && productVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
            driver = DatabaseDriver.MARIADB;
        }
        return new Database(driver, DatabaseFailures.of(productName));
    }

    /**
     * Return the database's driver, as Spring Boot names it.
     *
     * @return the driver; {@link DatabaseDriver#UNKNOWN} for a product Boot does not know
     */
    public DatabaseDriver driver() {
        return this.driver;
    }

    /**
     * Return whether the database is MySQL or MariaDB, which share most of their SQL.
     *
     * @return whether it is MySQL or MariaDB
     */
    public boolean isMysqlOrMariaDb() {
        return this.driver == DatabaseDriver.MYSQL || this.driver == DatabaseDriver.MARIADB;
    }

    /**
     * Return how this database's failures are classified.
     *
     * @return the classification
     */
    public DatabaseFailures failures() {
        return this.failures;
    }

    @Override
    public String toString() {
        return this.driver.getId();
    }
}
