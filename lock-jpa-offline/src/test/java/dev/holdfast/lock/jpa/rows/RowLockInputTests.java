package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowLockInputTests {

    @Test
    void shouldSortByNameThenIdDropNullsFlattenAndKeepDuplicatesOnce() {
        List<Object> given = Arrays.asList(
                TableRow.of("b", 10), null, List.of(TableRow.of("b", 2), TableRow.of("a", 7)), new Object[] {
                    TableRow.of("b", 2L), null
                });
        List<RowTargets.Target> targets = RowTargets.normalize(given, (row) -> JdbcRowLocker.keyOf((TableRow) row));
        assertThat(RowTargets.keys(targets)).extracting(RowKey::toString).containsExactly("a#7", "b#2", "b#10");
    }

    @Test
    void shouldRefuseTableNamesThatAreNotPlainIdentifiers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TableRow.of("account; DROP TABLE x", 1))
                .withMessageContaining("[account; DROP TABLE x] is not a plain SQL identifier");
        assertThat(TableRow.of("bank.account", 1).table()).isEqualTo("bank.account");
    }

    @Test
    void shouldRefuseInconsistentRetryAndWaitSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RowLockRetry(0, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO))
                .withMessage("Row lock retry max attempts [0] must be at least 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LockWait(LockWait.Mode.TIMEOUT, null))
                .withMessageContaining("TIMEOUT does not fit timeout [null]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LockWait.timeout(Duration.ZERO))
                .withMessageContaining("must be positive");
    }

    @Test
    void shouldRejectMissingValuesWithIllegalArgumentExceptionNeverNullPointerException() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TableRow.of("account", null))
                .withMessage("Row lock of table [account] needs an id, but was [null]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RowLockRetry(1, null, 1, Duration.ZERO, Duration.ZERO))
                .withMessage("Row lock retry delay must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LockWait(null, null))
                .withMessage("Row lock wait mode must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowLocks.builder(null))
                .withMessage("Row lock transaction manager must not be null");
    }

    @Test
    void shouldRejectWhatTheConfigurationCannotLockBeforeAnyTransactionBegins() {
        RowLockers none = new RowLockers(null, null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> none.keyOf(TableRow.of("account", 42)))
                .withMessageContaining("[account#42]")
                .withMessageContaining("no JdbcTemplate or DataSource is configured");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> none.keyOf("not an entity"))
                .withMessageContaining("[java.lang.String]")
                .withMessageContaining("no EntityManagerFactory is configured");
        assertThatIllegalArgumentException().isThrownBy(() -> none.keyOf(null)).withMessageContaining("[null]");
    }
}
