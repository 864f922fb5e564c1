package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/** Lock-wait options (SKIP LOCKED, a timeout, NOWAIT) on the JPA and the JDBC paths, against a raw lock holder. */
interface RowLockWaitContract {

    RowLockDatabase db();

    RowLocks rowLocks();

    RowLocks rowLocks(int maxAttempts);

    String[] rawSettings();

    @Test
    default void shouldSkipRowsLockedByOthers() throws Exception {
        try (Connection holder = db().rawConnection(rawSettings())) {
            RowLockDatabase.lockAccount(holder, 2);
            rowLocks()
                    .withWait(LockWait.skipLocked())
                    .execute(
                            List.of(
                                    AbstractRowLocksTests.account(1),
                                    AbstractRowLocksTests.account(2),
                                    TableRow.of("hf_rows_account", 2)),
                            () -> {
                                assertThat(rowLocks().isLocked(AbstractRowLocksTests.account(1)))
                                        .isTrue();
                                assertThat(rowLocks().isLocked(AbstractRowLocksTests.account(2)))
                                        .isFalse();
                                assertThat(rowLocks().isLocked(TableRow.of("hf_rows_account", 2)))
                                        .isFalse();
                            });
            holder.rollback();
        }
    }

    @Test
    default void shouldGiveUpWaitingAfterLockTimeout() throws Exception {
        for (Object target : List.of(AbstractRowLocksTests.account(2), TableRow.of("hf_rows_account", 2))) {
            try (Connection holder = db().rawConnection(rawSettings())) {
                RowLockDatabase.lockAccount(holder, 2);
                long start = System.nanoTime();
                assertThatExceptionOfType(RowLockRetriesExhaustedException.class)
                        .isThrownBy(() -> rowLocks(2)
                                .withWait(LockWait.timeout(Duration.ofMillis(300)))
                                .execute(List.of(target), () -> {}))
                        .withMessageContaining("2 of 2 attempts")
                        .satisfies((ex) -> assertThat(db().failures().isRetryable(ex.getCause()))
                                .isTrue());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
                holder.rollback();
            }
        }
    }

    @Test
    default void shouldRetryNoWaitFailureToSuccessOnceTheHolderLetsGo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger failedAttempts = new AtomicInteger();
        TransactionExecutionListener failures = new TransactionExecutionListener() {
            @Override
            public void afterRollback(TransactionExecution transaction, @Nullable Throwable rollbackFailure) {
                failedAttempts.incrementAndGet();
            }
        };
        db().transactionManager.addListener(failures);
        try (Connection holder = db().rawConnection(rawSettings())) {
            RowLockDatabase.lockAccount(holder, 2);
            // The holder lets go only after a NOWAIT attempt failed on its row and was rolled back.
            CompletableFuture<Void> letGo = CompletableFuture.runAsync(() -> {
                await("a failed NOWAIT attempt")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> failedAttempts.get() > 0);
                AbstractRowLocksTests.rollback(holder);
            });
            rowLocks(20)
                    .withWait(LockWait.noWait())
                    .execute(List.of(AbstractRowLocksTests.account(1), AbstractRowLocksTests.account(2)), () -> {
                        attempts.incrementAndGet();
                    });
            letGo.join();
        } finally {
            db().transactionManager.getTransactionExecutionListeners().remove(failures);
        }
        // NOWAIT never waits: only a retry after the failed attempt could have got the row
        assertThat(failedAttempts).hasPositiveValue();
        assertThat(attempts).hasValue(1);
    }
}
