package dev.holdfast.lock.jpa.offline;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Pooled data sources on the three databases, each on an empty database of its own (a fresh H2 in-memory database, a
 * PostgreSQL schema, a MariaDB database) so that parallel runs never share the lock table; {@link #drop} removes it.
 */
final class TestDatabases {

    private TestDatabases() {}

    static HikariDataSource h2() {
        return pool(new JdbcService("jdbc:h2:mem:offline-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    static HikariDataSource postgres() {
        JdbcService service = TestServices.postgres();
        String schema = uniqueName();
        try (HikariDataSource admin = pool(service)) {
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        HikariDataSource dataSource = pool(service);
        dataSource.setSchema(schema);
        return dataSource;
    }

    static HikariDataSource mariadb() {
        JdbcService service = TestServices.mariadb();
        String database = uniqueName();
        try (HikariDataSource admin = pool(service)) {
            new JdbcTemplate(admin).execute("CREATE DATABASE " + database);
        }
        HikariDataSource dataSource = pool(service);
        dataSource.setCatalog(database);
        return dataSource;
    }

    /** Drop the data source's own schema or database (with the tables in it) and close the pool. */
    static void drop(HikariDataSource dataSource) {
        try {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            if (dataSource.getSchema() != null) {
                jdbc.execute("DROP SCHEMA " + dataSource.getSchema() + " CASCADE");
            } else if (dataSource.getCatalog() != null) {
                jdbc.execute("DROP DATABASE " + dataSource.getCatalog());
            }
        } finally {
            dataSource.close();
        }
    }

    static void createSchema(DataSource dataSource) {
        runScript(dataSource, "dev/holdfast/lock/jpa/schema-%s.sql");
    }

    /** Run a class path script whose name has {@code %s} for the platform, such as {@code schema-%s.sql}. */
    static void runScript(DataSource dataSource, String location) {
        String platform = LockTablePlatform.of(Database.of(dataSource)).id();
        new ResourceDatabasePopulator(new ClassPathResource(location.formatted(platform))).execute(dataSource);
    }

    private static HikariDataSource pool(JdbcService service) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(service.url());
        dataSource.setUsername(service.username());
        dataSource.setPassword(service.password());
        dataSource.setMaximumPoolSize(12);
        return dataSource;
    }

    private static String uniqueName() {
        return "hf_offline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
