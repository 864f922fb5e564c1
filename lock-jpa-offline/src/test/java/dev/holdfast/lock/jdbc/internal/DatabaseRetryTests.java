package dev.holdfast.lock.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;

/** Retries through Spring's RetryTemplate: retryable failures until attempts run out, never past an interrupt. */
class DatabaseRetryTests {

    private static final DatabaseFailures POSTGRES =
            Database.of("PostgreSQL", "17.2").failures();

    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void shouldRetryRetryableFailuresUntilAttemptsRunOut() {
        DatabaseRetry retry = retry(Duration.ofMillis(1));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> retry.execute("deadlocking work", this::deadlock, this::describe))
                .withMessage("gave up after 4 attempts: retryable true");
        assertThat(this.attempts).hasValue(4);
    }

    @Test
    void shouldNotRetryOtherFailures() {
        DatabaseRetry retry = retry(Duration.ofMillis(1));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> retry.execute(
                        "failing work",
                        () -> {
                            this.attempts.incrementAndGet();
                            throw new SQLException("relation does not exist", "42P01");
                        },
                        this::describe))
                .withMessage("gave up after 1 attempt: retryable false");
        assertThat(this.attempts).hasValue(1);
    }

    @Test
    void shouldStopAtOnceWhenTheThreadIsInterruptedAndKeepTheInterrupt() {
        DatabaseRetry retry = retry(Duration.ofMillis(1));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> retry.execute(
                        "interrupted work",
                        () -> {
                            Thread.currentThread().interrupt();
                            return deadlock();
                        },
                        this::describe))
                .withMessage("gave up after 1 attempt (the thread was interrupted: not retried): retryable true");
        assertThat(this.attempts).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void shouldStopBackingOffWhenInterruptedAndKeepTheInterrupt() throws Exception {
        DatabaseRetry retry = retry(Duration.ofSeconds(20));
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Boolean> interruptedAfter = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            try {
                retry.execute("backing off", this::deadlock, this::describe);
                return false;
            } catch (IllegalStateException ex) {
                assertThat(ex).hasMessageContaining("(the thread was interrupted: not retried)");
                return Thread.currentThread().isInterrupted();
            }
        });
        await("the first attempt failed").atMost(Duration.ofSeconds(10)).until(() -> this.attempts.get() == 1);
        worker.get().interrupt();
        // The backoff is 20 s: only an interrupt ends it this soon.
        assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(this.attempts).hasValue(1);
    }

    private DatabaseRetry retry(Duration delay) {
        return DatabaseRetry.of(RetryPolicy.builder().maxRetries(3).delay(delay), POSTGRES::isRetryable);
    }

    private String deadlock() throws SQLException {
        this.attempts.incrementAndGet();
        throw new SQLTransactionRollbackException("deadlock detected", "40P01");
    }

    private RuntimeException describe(DatabaseRetry.Failure failure) {
        return new IllegalStateException(
                "gave up after " + failure.attemptsMade() + ": retryable " + failure.retryable(), failure.last());
    }
}
