package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.CannotAcquireLockException;

/**
 * How {@link JdbcOfflineLocks} retries a target row the database did not lock in time: on PostgreSQL with a 100 ms
 * {@code lock_timeout}, while another transaction holds the row, every attempt fails. Such failures are retried until
 * the attempts run out, and not at all on an interrupted thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineLocksRetryTests {

    private static final LockKey PATIENT = LockKey.of("Patient", 7);

    private HikariDataSource dataSource;

    private JdbcOfflineLocks locks;

    private Connection blocker;

    @BeforeAll
    void startDatabase() {
        this.dataSource = TestDatabases.postgres();
        this.dataSource.setConnectionInitSql("SET lock_timeout = '100ms'");
        TestDatabases.createSchema(this.dataSource);
        this.locks = new JdbcOfflineLocks(this.dataSource, Duration.ofMinutes(15), (lock, cause) -> {}, null);
    }

    @AfterAll
    void stopDatabase() {
        TestDatabases.drop(this.dataSource);
    }

    @BeforeEach
    void blockTheTargetsRow() throws SQLException {
        this.locks.tryAcquire(PATIENT, "Dr Green", "editing");
        this.locks.releaseAll("Dr Green");
        this.blocker = this.dataSource.getConnection();
        this.blocker.setAutoCommit(false);
        try (PreparedStatement lock = this.blocker.prepareStatement(
                "SELECT token FROM holdfast_offline_lock WHERE object_type = ? AND object_id = ? FOR UPDATE")) {
            lock.setString(1, PATIENT.namespace());
            lock.setString(2, PATIENT.id());
            lock.executeQuery().close();
        }
        // An interrupted thread that must wait for a pooled connection is refused by the pool: let one be idle.
        await("an idle pooled connection")
                .atMost(Duration.ofSeconds(10))
                .until(() -> this.dataSource.getHikariPoolMXBean().getIdleConnections() > 0);
    }

    @AfterEach
    void unblock() throws SQLException {
        Thread.interrupted();
        this.blocker.rollback();
        this.blocker.close();
    }

    @Test
    void shouldRetryLockTimeoutsUntilAttemptsRunOut() {
        assertThatExceptionOfType(LockException.class)
                .isThrownBy(() -> this.locks.tryAcquire(PATIENT, "Dr Brown", "editing"))
                .withMessageContaining("for owner [Dr Brown] could not be decided after 5 attempts:")
                .withCauseInstanceOf(CannotAcquireLockException.class);
    }

    @Test
    void shouldNotRetryWhenTheThreadIsInterruptedAndKeepTheInterrupt() {
        Thread.currentThread().interrupt();
        assertThatExceptionOfType(LockException.class)
                .isThrownBy(() -> this.locks.tryAcquire(PATIENT, "Dr Brown", "editing"))
                .withMessageContaining("could not be decided after 1 attempt (the thread was interrupted: not retried)")
                .withCauseInstanceOf(CannotAcquireLockException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
