package dev.holdfast.lock.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.jdbc.internal.DatabaseFailures.Kind;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

/** Failures as Spring's translators classify them, for each database the lock tables support. */
class DatabaseFailuresTests {

    private final DatabaseFailures postgres = Database.of("PostgreSQL", "17.2").failures();

    private final DatabaseFailures mariadb =
            Database.of("MariaDB", "11.4.2-MariaDB").failures();

    private final DatabaseFailures h2 = Database.of("H2", "2.3.232").failures();

    @Test
    void shouldClassifyPostgresFailuresBySqlState() {
        assertThat(this.postgres.classify(new SQLException("deadlock detected", "40P01")))
                .isEqualTo(Kind.DEADLOCK);
        assertThat(this.postgres.describe(new SQLException("deadlock detected", "40P01")))
                .isEqualTo("deadlock or serialization failure (SQLState 40P01, vendor code 0)");
        assertThat(this.postgres.classify(new SQLException("could not serialize", "40001")))
                .isEqualTo(Kind.DEADLOCK);
        assertThat(this.postgres.classify(new SQLException("could not obtain lock", "55P03")))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.postgres.classify(new SQLException("duplicate key value", "23505")))
                .isEqualTo(Kind.DUPLICATE_KEY);
        assertThat(this.postgres.classify(new SQLException("relation does not exist", "42P01")))
                .isEqualTo(Kind.OTHER);
    }

    @Test
    void shouldClassifyMariaDbFailuresByVendorCode() {
        assertThat(this.mariadb.classify(new SQLTransactionRollbackException("Deadlock found", "40001", 1213)))
                .isEqualTo(Kind.DEADLOCK);
        assertThat(this.mariadb.classify(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.mariadb.describe(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
                .isEqualTo("lock not acquired (SQLState HY000, vendor code 1205)");
        assertThat(this.mariadb.classify(new SQLException("NOWAIT is set", "HY000", 3572)))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.mariadb.classify(
                        new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))
                .isEqualTo(Kind.DUPLICATE_KEY);
    }

    @Test
    void shouldClassifyH2FailuresByVendorCodeAndSqlState() {
        assertThat(this.h2.classify(new SQLTimeoutException("Timeout trying to lock table", "HYT00", 50200)))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.h2.isRetryable(new SQLTransactionRollbackException("Deadlock detected", "40001", 40001)))
                .isTrue();
        assertThat(this.h2.classify(new SQLIntegrityConstraintViolationException("Unique index", "23505", 23505)))
                .isEqualTo(Kind.DUPLICATE_KEY);
    }

    @Test
    void shouldFindTheFailureAnywhereInTheCauseChain() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        RuntimeException wrapped = new RuntimeException("flush failed", new IllegalStateException("tx", deadlock));
        assertThat(this.postgres.isRetryable(wrapped)).isTrue();
        assertThat(this.postgres.describe(wrapped)).isEqualTo(this.postgres.describe(deadlock));
        assertThat(this.postgres.classify(new CannotAcquireLockException("busy")))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.postgres.describe(new CannotAcquireLockException("busy")))
                .isEqualTo("lock not acquired (CannotAcquireLockException)");
        assertThat(this.postgres.classify(new PessimisticLockingFailureException("busy")))
                .isEqualTo(Kind.DEADLOCK);
        assertThat(this.postgres.classify(new jakarta.persistence.LockTimeoutException("busy")))
                .isEqualTo(Kind.LOCK_NOT_ACQUIRED);
        assertThat(this.postgres.classify(new jakarta.persistence.PessimisticLockException("busy")))
                .isEqualTo(Kind.DEADLOCK);
    }

    @Test
    void shouldPreferTheDatabasesOwnCodesToAGenericTranslation() {
        // A JdbcTemplate's default translator goes by SQLException subclass and calls this deadlock a lock failure.
        SQLException deadlock = new SQLTransactionRollbackException("Deadlock found", "40001", 1213);
        assertThat(this.mariadb.classify(new CannotAcquireLockException("busy", deadlock)))
                .isEqualTo(Kind.DEADLOCK);
    }

    @Test
    void shouldLeaveOtherFailuresAlone() {
        assertThat(this.postgres.isRetryable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(this.postgres.isRetryable(new DataIntegrityViolationException("not null")))
                .isFalse();
        assertThat(this.postgres.isRetryable(new jakarta.persistence.EntityNotFoundException("gone")))
                .isFalse();
        assertThat(this.postgres.isRetryable(new IllegalStateException("insufficient funds")))
                .isFalse();
        assertThat(this.postgres.describe(new IllegalStateException("insufficient funds")))
                .isNull();
        assertThat(this.postgres.isRetryable(null)).isFalse();
    }
}
