package dev.holdfast.lock.jpa.offline;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jpa.DatabasePlatform;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Pooled data sources on the three databases, with the lock tables created from the shipped schema scripts. */
final class TestDatabases {

    private TestDatabases() {}

    static HikariDataSource h2() {
        return pool(new JdbcService("jdbc:h2:mem:offline-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    static HikariDataSource postgres() {
        return pool(TestServices.postgres());
    }

    static HikariDataSource mariadb() {
        return pool(TestServices.mariadb());
    }

    static HikariDataSource pool(JdbcService service) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(service.url());
        dataSource.setUsername(service.username());
        dataSource.setPassword(service.password());
        dataSource.setMaximumPoolSize(12);
        return dataSource;
    }

    static void createSchema(DataSource dataSource) {
        String platform = DatabasePlatform.of(dataSource).id();
        new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                .execute(dataSource);
    }
}
