package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The watchdog's batch on the database ({@link JdbcLockStore#renewAll}): a tick's leases renewed on one pooled
 * connection with one statement (PostgreSQL) or one JDBC batch (MariaDB, H2) per 500 leases, reporting exactly the
 * leases whose owner and token no longer hold a live lock.
 */
class JdbcLockStoreRenewAllTests {

    /** The lease the locks are granted with; a renewal extends them to {@link #RENEWED}. */
    private static final Duration GRANTED = Duration.ofSeconds(20);

    private static final Duration RENEWED = Duration.ofMinutes(5);

    @Nested
    class Postgres extends RenewAll {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class Mariadb extends RenewAll {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @Nested
    class H2 extends RenewAll {
        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:renew-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class RenewAll {

        final HikariDataSource pool = new HikariDataSource();

        final CountingDataSource counting;

        final JdbcLockStore store;

        String namespace;

        RenewAll(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            this.pool.setMaximumPoolSize(4);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
            this.counting = new CountingDataSource(this.pool);
            this.store = new JdbcLockStore(this.counting, false);
        }

        @BeforeEach
        void newNamespace() {
            this.namespace = "renew-" + UUID.randomUUID().toString().substring(0, 8);
        }

        @AfterAll
        void closePool() {
            this.pool.close();
        }

        @Test
        void shouldRenewManyLeasesWithOneStatementOnOneConnection() {
            List<RenewCommand> renewals = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                renewals.add(renewal(key("lock-" + i), "owner-" + i, grant(key("lock-" + i), "owner-" + i)));
            }
            this.counting.reset();

            List<RenewCommand> lost = this.store.renewAll(renewals);

            assertThat(lost).isEmpty();
            assertThat(this.counting.calls()).containsExactly("execute[autocommit]");
            assertThat(this.counting.connections()).isOne();
            for (RenewCommand renewal : renewals) {
                assertRenewed(renewal.key(), renewal.owner());
            }
        }

        @Test
        void shouldReportExactlyTheLostLeasesAndRenewTheOthers() {
            RenewCommand held = renewal(key("held"), "alice", grant(key("held"), "alice"));
            long expiredToken = grant(key("expired"), "bob");
            this.store.expire(key("expired"), "bob");
            RenewCommand expired = renewal(key("expired"), "bob", expiredToken);
            long carolsToken = grant(key("taken"), "carol");
            this.store.expire(key("taken"), "carol");
            grant(key("taken"), "dave");
            RenewCommand taken = renewal(key("taken"), "carol", carolsToken);
            long staleToken = grant(key("regranted"), "erin");
            this.store.release(key("regranted"), "erin", staleToken);
            RenewCommand fresh = renewal(key("regranted"), "erin", grant(key("regranted"), "erin"));
            RenewCommand stale = renewal(key("regranted"), "erin", staleToken);
            grant(key("handle"), "frank");
            RenewCommand handle = renewal(key("handle"), "frank", LockStore.ANY_TOKEN);
            RenewCommand otherOwner = renewal(key("handle"), "grace", LockStore.ANY_TOKEN);
            RenewCommand never = renewal(key("never-taken"), "heidi", 1);
            List<RenewCommand> renewals = List.of(held, expired, taken, stale, fresh, handle, otherOwner, never, held);
            this.counting.reset();

            List<RenewCommand> lost = this.store.renewAll(renewals);

            assertThat(lost).containsExactly(expired, taken, stale, otherOwner, never);
            assertThat(this.counting.calls()).containsExactly("execute[autocommit]");
            assertThat(this.counting.connections()).isOne();
            assertRenewed(key("held"), "alice");
            assertRenewed(key("regranted"), "erin");
            assertRenewed(key("handle"), "frank");
            assertThat(this.store.inspect(key("expired"))).isEmpty();
            assertThat(this.store.inspect(key("never-taken"))).isEmpty();
            assertThat(this.store.inspect(key("taken"))).hasValueSatisfying((state) -> {
                assertThat(state.owner()).isEqualTo("dave");
                assertThat(state.remaining()).isLessThanOrEqualTo(GRANTED);
            });
        }

        @Test
        void shouldRenewLargeBatchesInChunksOnOneConnection() {
            List<RenewCommand> renewals = new ArrayList<>();
            for (int i = 0; i <= BatchRenewal.CHUNK; i++) {
                renewals.add(renewal(key("lock-" + i), "owner", grant(key("lock-" + i), "owner")));
            }
            this.store.expire(key("lock-" + BatchRenewal.CHUNK), "owner");
            this.counting.reset();

            List<RenewCommand> lost = this.store.renewAll(renewals);

            assertThat(lost).containsExactly(renewals.get(BatchRenewal.CHUNK));
            assertThat(this.counting.calls()).containsExactly("execute[autocommit]", "execute[autocommit]");
            assertThat(this.counting.connections()).isOne();
            assertRenewed(key("lock-0"), "owner");
            assertRenewed(key("lock-" + (BatchRenewal.CHUNK - 1)), "owner");
        }

        LockKey key(String id) {
            return new LockKey(this.namespace, id);
        }

        long grant(LockKey key, String owner) {
            AcquireOutcome outcome = this.store.acquire(new AcquireCommand(key, owner, 0, GRANTED, AcquireMode.LOCK));
            return ((AcquireOutcome.Granted) outcome).token();
        }

        static RenewCommand renewal(LockKey key, String owner, long token) {
            return new RenewCommand(key, owner, token, RENEWED);
        }

        void assertRenewed(LockKey key, String owner) {
            LockState state = this.store.inspect(key).orElseThrow();
            assertThat(state.owner()).isEqualTo(owner);
            assertThat(state.remaining()).as("lease of %s", key).isGreaterThan(GRANTED.multipliedBy(2));
        }
    }
}
