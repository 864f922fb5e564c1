package dev.holdfast.lock.jdbc.internal;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Runs a unit of database work with Spring Framework's {@link RetryTemplate}: again, after its policy's backoff, while
 * it fails in a way the given predicate calls retryable and attempts remain. An interrupted thread is never retried:
 * the attempt that ended with the thread interrupted is the last (the policy refuses, and the template's backoff gives
 * up on an interrupt too), and the interrupt flag stays set. Thread-safe. Internal: see the package documentation.
 */
public final class DatabaseRetry {

    private final RetryTemplate template;

    private final Predicate<Throwable> retryable;

    private DatabaseRetry(RetryPolicy.Builder policy, Predicate<Throwable> retryable) {
        this.retryable = retryable;
        this.template = new RetryTemplate(
                policy.predicate((failure) -> !Thread.currentThread().isInterrupted() && retryable.test(failure))
                        .build());
    }

    /**
     * Create a retry from a policy's attempts and backoff and a test of the failures to retry.
     *
     * @param policy the attempts and backoff; its predicate is replaced
     * @param retryable which failures to retry
     * @return the retry
     */
    public static DatabaseRetry of(RetryPolicy.Builder policy, Predicate<Throwable> retryable) {
        return new DatabaseRetry(policy, retryable);
    }

    /**
     * Create a retry whose backoff doubles from a first delay up to a longest one, with a jitter of half the first
     * delay.
     *
     * @param maxAttempts how many times the work may run in all
     * @param firstDelay the backoff before the first retry
     * @param maxDelay the longest backoff
     * @param retryable which failures to retry
     * @return the retry
     */
    public static DatabaseRetry doubling(
            int maxAttempts, Duration firstDelay, Duration maxDelay, Predicate<Throwable> retryable) {
        return of(
                RetryPolicy.builder()
                        .maxRetries(maxAttempts - 1L)
                        .delay(firstDelay)
                        .multiplier(2)
                        .maxDelay(maxDelay)
                        .jitter(firstDelay.dividedBy(2)),
                retryable);
    }

    /**
     * Run the work until it succeeds, fails in a way not retried, runs out of attempts or the thread is interrupted.
     *
     * @param name what the work is, for logs
     * @param work the work
     * @param failed what to throw when the work did not succeed
     * @param <T> the work's result type
     * @return the work's result
     */
    public <T> T execute(String name, Work<T> work, Function<Failure, RuntimeException> failed) {
        Retryable<T> retryable = new Retryable<>() {
            @Override
            public T execute() throws Exception {
                return work.run();
            }

            @Override
            public String getName() {
                return name;
            }
        };
        try {
            return this.template.execute(retryable);
        } catch (RetryException ex) {
            Throwable last = ex.getLastException();
            throw failed.apply(new Failure(
                    last,
                    ex.getExceptions(),
                    this.retryable.test(last),
                    Thread.currentThread().isInterrupted()));
        }
    }

    /**
     * One unit of database work.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Work<T> {

        /**
         * Run the work once.
         *
         * @return the result
         * @throws Exception when it fails
         */
        T run() throws Exception;
    }

    /**
     * How the work failed in the end.
     *
     * @param last the last attempt's failure
     * @param failures every attempt's failure, in order
     * @param retryable whether the last failure was of a kind retried (then attempts ran out or the thread was
     *     interrupted)
     * @param interrupted whether the thread is interrupted, which ended the retries
     */
    public record Failure(Throwable last, List<Throwable> failures, boolean retryable, boolean interrupted) {

        /** Keep a copy of the failures. */
        public Failure {
            failures = List.copyOf(failures);
        }

        /**
         * Return how many attempts were made.
         *
         * @return the attempts, at least one
         */
        public int attempts() {
            return this.failures.size();
        }

        /**
         * Say how many attempts were made and whether an interrupt stopped them, for messages.
         *
         * @return such as {@code 8 attempts} or {@code 1 attempt (the thread was interrupted: not retried)}
         */
        public String attemptsMade() {
            String made = attempts() + ((attempts() == 1) ? " attempt" : " attempts");
            return this.interrupted ? made + " (the thread was interrupted: not retried)" : made;
        }

        /**
         * Return the last failure to throw as it is: unchecked exceptions unchanged, errors thrown here, checked
         * exceptions wrapped.
         *
         * @return the exception to throw
         */
        public RuntimeException rethrow() {
            if (this.last instanceof RuntimeException runtime) {
                return runtime;
            }
            if (this.last instanceof Error error) {
                throw error;
            }
            return new UndeclaredThrowableException(this.last);
        }
    }
}
