package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A lock's time left is read from the database clock the same way by two application instances whose sessions run 25
 * hours apart in time zone.
 */
class JdbcLockStoreClockTests {

    @Nested
    class Postgres extends Clock {
        Postgres() {
            super(TestServices::postgres, "SET TIME ZONE '%s'");
        }
    }

    @Nested
    class Mariadb extends Clock {
        Mariadb() {
            super(TestServices::mariadb, "SET time_zone = '%s'");
        }
    }

    @Nested
    class H2 extends Clock {
        H2() {
            super(
                    () -> new JdbcService(
                            "jdbc:h2:mem:lock-clock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                    "SET TIME ZONE '%s'");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Clock {

        final HikariDataSource east;

        final HikariDataSource west;

        final JdbcLockStore eastStore;

        final JdbcLockStore westStore;

        Clock(Supplier<JdbcService> service, String setTimeZone) {
            JdbcService database = service.get();
            this.east = pool(database, String.format(setTimeZone, "+13:00"));
            this.west = pool(database, String.format(setTimeZone, "-12:00"));
            String platform = LockTablePlatform.of(Database.of(this.east)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.east);
            this.eastStore = new JdbcLockStore(this.east, false);
            this.westStore = new JdbcLockStore(this.west, false);
        }

        @AfterAll
        void close() {
            this.eastStore.close();
            this.westStore.close();
            this.east.close();
            this.west.close();
        }

        @Test
        void shouldReportTheSameTimeLeftFromSessionsInDifferentTimeZones() {
            LockKey key = new LockKey("lock-clock-" + UUID.randomUUID(), "one");
            AcquireCommand command = new AcquireCommand(key, "east", 0, Duration.ofMinutes(2), AcquireMode.LOCK);
            assertThat(this.eastStore.acquire(command)).isInstanceOf(AcquireOutcome.Granted.class);
            for (JdbcLockStore store : new JdbcLockStore[] {this.eastStore, this.westStore}) {
                assertThat(store.inspect(key))
                        .hasValueSatisfying((state) ->
                                assertThat(state.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2)));
                assertThat(store.list(key.namespace(), 10))
                        .singleElement()
                        .satisfies((state) ->
                                assertThat(state.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2)));
            }
        }

        private static HikariDataSource pool(JdbcService database, String setTimeZone) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(database.url());
            pool.setUsername(database.username());
            pool.setPassword(database.password());
            pool.setMaximumPoolSize(2);
            pool.setConnectionInitSql(setTimeZone);
            return pool;
        }
    }
}
