package dev.holdfast.lock.jpa.rows;

import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Tells deadlocks and lock-wait timeouts, which a row-locking unit retries, from every other failure. It walks the
 * cause chain for a {@link SQLException} with a known SQLState or vendor code (PostgreSQL {@code 40P01}, {@code 40001},
 * {@code 55P03}; MySQL and MariaDB {@code 1213}, {@code 1205}, {@code 3572}; H2 {@code 40001}, {@code 50200}), for
 * Spring's {@link PessimisticLockingFailureException} family and for JPA's lock exceptions. Thread-safe.
 */
public final class LockFailures {

    private static final Set<String> SQL_STATES = Set.of("40P01", "40001", "55P03");

    private static final Set<Integer> MYSQL_CODES = Set.of(1213, 1205, 3572);

    private static final Set<Integer> H2_CODES = Set.of(40001, 50200);

    private static final Set<String> LOCK_EXCEPTION_NAMES = Set.of(
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException");

    private LockFailures() {}

    /**
     * Whether the failure is a deadlock, a lock-wait timeout or a retry request, so the unit should run again.
     *
     * @param failure what the unit threw
     * @return whether to retry
     */
    public static boolean isRetryable(@Nullable Throwable failure) {
        return describe(failure) != null;
    }

    /**
     * Say why a failure is retryable.
     *
     * @param failure what the unit threw
     * @return a short reason such as {@code deadlock (SQLState 40P01, vendor code 0)}, or null when not retryable
     */
    public static @Nullable String describe(@Nullable Throwable failure) {
        for (Throwable current = failure; current != null; current = next(current)) {
            if (current instanceof RetryTransactionException) {
                return "retry requested (" + current.getMessage() + ")";
            }
            if (current instanceof SQLException sql && isLockFailure(sql)) {
                return kind(sql) + " (SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ")";
            }
        }
        for (Throwable current = failure; current != null; current = next(current)) {
            if (current instanceof PessimisticLockingFailureException || isNamedLockException(current.getClass())) {
                return "lock failure (" + current.getClass().getSimpleName() + ")";
            }
        }
        return null;
    }

    private static boolean isLockFailure(SQLException ex) {
        String state = ex.getSQLState();
        int code = ex.getErrorCode();
        return (state != null && SQL_STATES.contains(state))
                || MYSQL_CODES.contains(code)
                || ("HYT00".equals(state) && H2_CODES.contains(code));
    }

    private static String kind(SQLException ex) {
        int code = ex.getErrorCode();
        if ("40P01".equals(ex.getSQLState()) || code == 1213 || code == 40001) {
            return "deadlock";
        }
        return "40001".equals(ex.getSQLState()) ? "serialization failure" : "lock-wait timeout";
    }

    private static boolean isNamedLockException(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (LOCK_EXCEPTION_NAMES.contains(current.getName())) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Throwable next(Throwable current) {
        Throwable cause = current.getCause();
        return (cause != current) ? cause : null;
    }
}
