package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
                    .runWithLocks(
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
                                .runWithLocks(List.of(target), () -> {}))
                        .withMessageContaining("2 of 2 attempts")
                        .satisfies((ex) -> assertThat(LockFailures.isRetryable(ex.getCause()))
                                .isTrue());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
                holder.rollback();
            }
        }
    }

    @Test
    default void shouldRetryNoWaitFailureToSuccessOnceTheHolderLetsGo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (Connection holder = db().rawConnection(rawSettings())) {
            RowLockDatabase.lockAccount(holder, 2);
            long start = System.nanoTime();
            CompletableFuture<Void> letGo = CompletableFuture.runAsync(() -> {
                AbstractRowLocksTests.sleep(150);
                AbstractRowLocksTests.rollback(holder);
            });
            rowLocks()
                    .withWait(LockWait.noWait())
                    .runWithLocks(List.of(AbstractRowLocksTests.account(1), AbstractRowLocksTests.account(2)), () -> {
                        attempts.incrementAndGet();
                    });
            letGo.join();
            // NOWAIT never waits: only retries after failed attempts could have outlasted the holder
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(140));
        }
        assertThat(attempts).hasValue(1);
    }
}
