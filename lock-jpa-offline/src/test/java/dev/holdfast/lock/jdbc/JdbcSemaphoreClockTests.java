package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Permits are leased by the database clock: two application instances whose sessions run 25 hours apart in time zone
 * agree on when a grant ends, and a grant ends when the database says so, whatever the holder's lease in the JVM.
 */
class JdbcSemaphoreClockTests {

    @Nested
    class Postgres extends Clock {
        Postgres() {
            super(
                    TestServices::postgres,
                    "SET TIME ZONE '%s'",
                    "UPDATE holdfast_semaphore_grant SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 second'");
        }
    }

    @Nested
    class Mariadb extends Clock {
        Mariadb() {
            super(
                    TestServices::mariadb,
                    "SET time_zone = '%s'",
                    "UPDATE holdfast_semaphore_grant SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND");
        }
    }

    @Nested
    class H2 extends Clock {
        H2() {
            super(
                    () -> new JdbcService(
                            "jdbc:h2:mem:sem-clock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                    "SET TIME ZONE '%s'",
                    "UPDATE holdfast_semaphore_grant SET expires_at = DATEADD(SECOND, -1, CURRENT_TIMESTAMP)");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Clock {

        final HikariDataSource east;

        final HikariDataSource west;

        final JdbcLockStore eastStore;

        final JdbcLockStore westStore;

        final String endLease;

        LockKey key;

        Clock(Supplier<JdbcService> service, String setTimeZone, String endLease) {
            JdbcService database = service.get();
            this.east = pool(database, String.format(setTimeZone, "+13:00"));
            this.west = pool(database, String.format(setTimeZone, "-12:00"));
            String platform = LockTablePlatform.of(Database.of(this.east)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.east);
            this.eastStore = new JdbcLockStore(this.east, false);
            this.westStore = new JdbcLockStore(this.west, false);
            this.endLease = endLease + " WHERE lock_namespace = ? AND lock_id = ?";
        }

        @BeforeEach
        void newKey() {
            this.key = new LockKey("sem-clock", UUID.randomUUID().toString());
        }

        @AfterAll
        void close() {
            this.eastStore.close();
            this.westStore.close();
            this.east.close();
            this.west.close();
        }

        @Test
        void shouldAgreeOnWhenALeaseEndsAcrossSessionTimeZones() {
            assertThat(this.eastStore.createSemaphore(this.key, 1, false)).isTrue();
            long start = System.nanoTime();
            assertThat(this.eastStore.acquirePermits(command("east", Duration.ofSeconds(2))))
                    .isInstanceOf(PermitOutcome.Granted.class);
            assertThat(this.westStore.inspectSemaphore(SemaphoreKind.SEMAPHORE, this.key))
                    .hasValueSatisfying((state) -> assertThat(state.holders())
                            .singleElement()
                            .satisfies((holder) -> assertThat(holder.remaining())
                                    .isPositive()
                                    .isLessThanOrEqualTo(Duration.ofSeconds(2))));
            assertThat(this.westStore.acquirePermits(command("west", Duration.ofSeconds(30))))
                    .as("the east's live permit, seen from the west")
                    .isInstanceOf(PermitOutcome.Refused.class);
            await("the east's permit back in the west")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> this.westStore.acquirePermits(command("west", Duration.ofSeconds(30)))
                            instanceof PermitOutcome.Granted);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        }

        @Test
        void shouldEndAGrantWhenTheDatabaseSaysItsLeaseEnded() {
            assertThat(this.eastStore.createSemaphore(this.key, 1, false)).isTrue();
            PermitOutcome east = this.eastStore.acquirePermits(command("east", Duration.ofMinutes(5)));
            long token = ((PermitOutcome.Granted) east).token();
            assertThat(this.westStore.acquirePermits(command("west", Duration.ofSeconds(30))))
                    .isInstanceOf(PermitOutcome.Refused.class);
            new JdbcTemplate(this.east).update(this.endLease, this.key.namespace(), this.key.id());
            assertThat(this.westStore.acquirePermits(command("west", Duration.ofSeconds(30))))
                    .isInstanceOf(PermitOutcome.Granted.class);
            RenewCommand renew = new RenewCommand(this.key, "east", token, Duration.ofMinutes(5));
            assertThat(this.eastStore.renewPermits(SemaphoreKind.SEMAPHORE, renew))
                    .isFalse();
            assertThat(this.eastStore.releasePermits(SemaphoreKind.SEMAPHORE, this.key, "east", token))
                    .isEqualTo(ReleaseOutcome.NOT_HELD);
        }

        PermitCommand command(String owner, Duration lease) {
            return new PermitCommand(
                    this.key, SemaphoreKind.SEMAPHORE, owner, 0, 1, false, lease, AcquireMode.LOCK, 0, false);
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
