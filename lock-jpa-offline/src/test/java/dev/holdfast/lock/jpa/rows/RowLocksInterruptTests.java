package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.test.services.JdbcService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A row-locking unit that asks to run again is retried, but never on an interrupted thread. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLocksInterruptTests {

    private RowLockDatabase db;

    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeAll
    void startDatabase() {
        this.db = new RowLockDatabase(
                new JdbcService("jdbc:h2:mem:hf_rows_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                "SELECT 1");
    }

    @AfterAll
    void stopDatabase() {
        this.db.close();
    }

    @BeforeEach
    void resetRows() {
        this.db.resetAccounts(1000);
        this.attempts.set(0);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void shouldRetryUntilAttemptsRunOutWhenNotInterrupted() {
        assertThatExceptionOfType(RowLockRetriesExhaustedException.class)
                .isThrownBy(() -> rowLocks(Duration.ofMillis(5)).execute(List.of(account()), () -> {
                    this.attempts.incrementAndGet();
                    throw new RetryTransactionException("stale quote");
                }))
                .withMessageContaining("failed after 4 of 4 attempts: retry requested (stale quote)");
        assertThat(this.attempts).hasValue(4);
    }

    @Test
    void shouldStopAtOnceWhenTheThreadIsInterruptedAndKeepTheInterrupt() {
        assertThatExceptionOfType(RowLockRetriesExhaustedException.class)
                .isThrownBy(() -> rowLocks(Duration.ofMillis(5)).execute(List.of(account()), () -> {
                    this.attempts.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new RetryTransactionException("stale quote");
                }))
                .withMessageContaining("failed after 1 of 4 attempts (the thread was interrupted: not retried)")
                .satisfies((ex) -> assertThat(ex.getAttempts()).isOne());
        assertThat(this.attempts).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(this.db.balance(1)).isEqualTo(1000);
    }

    @Test
    void shouldStopBackingOffWhenInterruptedAndKeepTheInterrupt() throws Exception {
        RowLocks slow = rowLocks(Duration.ofSeconds(20));
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Boolean> interruptedAfter = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                slow.execute(List.of(account()), () -> {
                    this.attempts.incrementAndGet();
                    throw new RetryTransactionException("stale quote");
                });
                return false;
            } catch (RowLockRetriesExhaustedException ex) {
                assertThat(ex).hasMessageContaining("(the thread was interrupted: not retried)");
                return Thread.currentThread().isInterrupted();
            }
        });
        await("the first attempt asked to run again")
                .atMost(Duration.ofSeconds(10))
                .until(() -> this.attempts.get() == 1);
        caller.get().interrupt();
        // The backoff is 20 s: only the interrupt ends the unit this soon.
        assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(this.attempts).hasValue(1);
    }

    private RowLocks rowLocks(Duration delay) {
        return RowLocks.builder(this.db.transactionManager)
                .entityManagerFactory(this.db.entityManagerFactory)
                .jdbcTemplate(this.db.jdbcTemplate)
                .retry(new RowLockRetry(4, delay, 1.0, delay, Duration.ZERO))
                .build();
    }

    private static Account account() {
        return new Account(1L, 0);
    }
}
