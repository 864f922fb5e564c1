package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * How {@link JdbcLockStore} retries a lock the database did not grant in time: on PostgreSQL with a 100 ms
 * {@code lock_timeout}, while another transaction holds the key's row, every attempt fails with SQLState 55P03. The
 * store retries such failures until its attempts run out, and an interrupted thread not at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcLockStoreRetryTests {

    private final HikariDataSource pool = new HikariDataSource();

    private CountingDataSource counting;

    private JdbcLockStore store;

    private Connection blocker;

    private LockKey key;

    JdbcLockStoreRetryTests() {
        JdbcService postgres = TestServices.postgres();
        this.pool.setJdbcUrl(postgres.url());
        this.pool.setUsername(postgres.username());
        this.pool.setPassword(postgres.password());
        this.pool.setMaximumPoolSize(4);
        this.pool.setConnectionInitSql("SET lock_timeout = '100ms'");
        new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-postgresql.sql"))
                .execute(this.pool);
        this.counting = new CountingDataSource(this.pool);
        this.store = new JdbcLockStore(this.counting, false);
    }

    @BeforeEach
    void blockTheKeysRow() throws SQLException {
        this.key = new LockKey("retries", UUID.randomUUID().toString());
        AcquireOutcome first = this.store.acquire(command("alice"));
        this.store.release(this.key, "alice", ((AcquireOutcome.Granted) first).token());
        this.blocker = this.pool.getConnection();
        this.blocker.setAutoCommit(false);
        try (PreparedStatement lock = this.blocker.prepareStatement(
                "SELECT token FROM holdfast_lock WHERE lock_namespace = ? AND lock_id = ? FOR UPDATE")) {
            lock.setString(1, this.key.namespace());
            lock.setString(2, this.key.id());
            lock.executeQuery().close();
        }
        // An interrupted thread that must wait for a pooled connection is refused by the pool: let one be idle.
        await("an idle pooled connection")
                .atMost(Duration.ofSeconds(10))
                .until(() -> this.pool.getHikariPoolMXBean().getIdleConnections() > 0);
        this.counting.reset();
    }

    @AfterEach
    void unblock() throws SQLException {
        Thread.interrupted();
        this.blocker.rollback();
        this.blocker.close();
    }

    @AfterAll
    void closePool() {
        this.pool.close();
    }

    @Test
    void shouldRetryLockTimeoutsUntilAttemptsRunOut() {
        assertThatExceptionOfType(LockStoreException.class)
                .isThrownBy(() -> this.store.acquire(command("bob")))
                .withMessage("Lock [" + this.key + "] acquire failed after 8 attempts: database lock contention")
                .satisfies((ex) ->
                        assertThat(((SQLException) ex.getCause()).getSQLState()).isEqualTo("55P03"));
        assertThat(this.counting.calls()).hasSize(8);
    }

    @Test
    void shouldNotRetryWhenTheThreadIsInterruptedAndKeepTheInterrupt() {
        Thread.currentThread().interrupt();
        assertThatExceptionOfType(LockStoreException.class)
                .isThrownBy(() -> this.store.acquire(command("bob")))
                .withMessage("Lock [" + this.key + "] acquire failed after 1 attempt (the thread was interrupted: not"
                        + " retried): database lock contention");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(this.counting.calls()).hasSize(1);
    }

    @Test
    void shouldStopRetryingWhenInterruptedWhileRetryingAndKeepTheInterrupt() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Boolean> interruptedAfter = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                this.store.acquire(command("bob"));
                return false;
            } catch (LockStoreException ex) {
                assertThat(ex).hasMessageContaining("(the thread was interrupted: not retried)");
                return Thread.currentThread().isInterrupted();
            }
        });
        await("a retry started")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> this.counting.calls().size() >= 2);
        int started = this.counting.calls().size();
        caller.get().interrupt();
        assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
        // The attempt under way when the interrupt came (or one starting just then) is the last.
        assertThat(this.counting.calls().size())
                .isLessThanOrEqualTo(started + 1)
                .isLessThan(8);
    }

    private AcquireCommand command(String owner) {
        return new AcquireCommand(this.key, owner, 0, Duration.ofSeconds(30), AcquireMode.LOCK);
    }
}
