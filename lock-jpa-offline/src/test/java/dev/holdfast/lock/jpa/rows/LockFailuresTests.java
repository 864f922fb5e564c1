package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

class LockFailuresTests {

    @Test
    void shouldClassifyDeadlocksAndLockTimeoutsBySqlStateAndVendorCode() {
        assertThat(LockFailures.describe(new SQLException("deadlock detected", "40P01")))
                .startsWith("deadlock (SQLState 40P01");
        assertThat(LockFailures.describe(new SQLException("could not serialize", "40001")))
                .startsWith("serialization failure");
        assertThat(LockFailures.describe(new SQLException("could not obtain lock", "55P03")))
                .startsWith("lock-wait timeout");
        assertThat(LockFailures.describe(new SQLTransactionRollbackException("Deadlock found", "40001", 1213)))
                .startsWith("deadlock");
        assertThat(LockFailures.describe(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
                .startsWith("lock-wait timeout");
        assertThat(LockFailures.describe(new SQLException("Deadlock detected", "40001", 40001)))
                .startsWith("deadlock");
        assertThat(LockFailures.describe(new SQLException("Timeout trying to lock table", "HYT00", 50200)))
                .startsWith("lock-wait timeout");
    }

    @Test
    void shouldFindTheDatabaseErrorAnywhereInTheCauseChain() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        RuntimeException wrapped = new RuntimeException("flush failed", new IllegalStateException("tx", deadlock));
        assertThat(LockFailures.isRetryable(wrapped)).isTrue();
        assertThat(LockFailures.isRetryable(new CannotAcquireLockException("busy")))
                .isTrue();
        assertThat(LockFailures.isRetryable(new PessimisticLockingFailureException("busy")))
                .isTrue();
        assertThat(LockFailures.isRetryable(new jakarta.persistence.LockTimeoutException("busy")))
                .isTrue();
        assertThat(LockFailures.describe(new RetryTransactionException("stale")))
                .isEqualTo("retry requested (stale)");
    }

    @Test
    void shouldLeaveOtherFailuresAlone() {
        assertThat(LockFailures.isRetryable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(LockFailures.isRetryable(new DataIntegrityViolationException("duplicate")))
                .isFalse();
        assertThat(LockFailures.isRetryable(new IllegalStateException("insufficient funds")))
                .isFalse();
        assertThat(LockFailures.isRetryable(null)).isFalse();
    }
}
