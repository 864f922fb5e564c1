package dev.holdfast.lock.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockException;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.DatabaseDriver;

/** Which database a data source is, as Boot's DatabaseDriver names it, and which lock table SQL it takes. */
class DatabaseTests {

    @Test
    void shouldReadTheDatabaseFromTheDataSourceMetadata() {
        assertDetected(
                new JdbcService("jdbc:h2:mem:detect-" + UUID.randomUUID(), "sa", ""),
                DatabaseDriver.H2,
                LockTablePlatform.H2);
        assertDetected(TestServices.postgres(), DatabaseDriver.POSTGRESQL, LockTablePlatform.POSTGRESQL);
        assertDetected(TestServices.mariadb(), DatabaseDriver.MARIADB, LockTablePlatform.MYSQL);
    }

    @Test
    void shouldTellMariaDbBehindAMySqlDriverByItsVersion() {
        assertThat(Database.of("MySQL", "11.4.2-MariaDB").driver()).isEqualTo(DatabaseDriver.MARIADB);
        assertThat(Database.of("MySQL", "8.4.0").driver()).isEqualTo(DatabaseDriver.MYSQL);
        assertThat(LockTablePlatform.of(Database.of("MySQL", "8.4.0"))).isEqualTo(LockTablePlatform.MYSQL);
    }

    @Test
    void shouldRefuseLockTablesOnOtherDatabasesNamingThem() {
        assertThatExceptionOfType(LockException.class)
                .isThrownBy(() -> LockTablePlatform.of(Database.of("Oracle", "23ai")))
                .withMessage("Database [oracle] is not supported for the lock table: use PostgreSQL, MySQL, MariaDB or"
                        + " H2");
    }

    private static void assertDetected(JdbcService service, DatabaseDriver driver, LockTablePlatform platform) {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(service.url());
            dataSource.setUsername(service.username());
            dataSource.setPassword(service.password());
            dataSource.setMaximumPoolSize(1);
            Database database = Database.of(dataSource);
            assertThat(database.driver()).isEqualTo(driver);
            assertThat(LockTablePlatform.of(database)).isEqualTo(platform);
        }
    }
}
