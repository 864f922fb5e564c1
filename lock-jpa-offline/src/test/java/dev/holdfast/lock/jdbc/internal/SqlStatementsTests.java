package dev.holdfast.lock.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockException;
import org.junit.jupiter.api.Test;

/** The one SQL resource format: named statements, a database's own file replacing the defaults it names. */
class SqlStatementsTests {

    private static final String ROWS = "dev/holdfast/lock/jpa/rows/row-locks";

    @Test
    void shouldReadNamedStatementsWithoutTheirComments() {
        SqlStatements sql = SqlStatements.load(ROWS + ".sql");
        assertThat(sql.get("lock-nowait")).isEqualTo("SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE NOWAIT");
        assertThat(sql.get("lock-timeout")).endsWith("FOR UPDATE WAIT {seconds}");
        assertThat(sql.find("timeout-get")).isNull();
    }

    @Test
    void shouldReplaceOnlyTheStatementsADatabaseFileNames() {
        SqlStatements sql = SqlStatements.load(ROWS + ".sql").overriddenBy(ROWS + "-postgresql.sql");
        assertThat(sql.get("lock-timeout")).isEqualTo("SELECT {id} FROM {table} WHERE {id} = ? FOR UPDATE");
        assertThat(sql.get("timeout-get")).isEqualTo("SELECT current_setting('lock_timeout')");
        assertThat(sql.get("lock-nowait")).endsWith("FOR UPDATE NOWAIT");
        SqlStatements mariadb = SqlStatements.load(ROWS + ".sql").overriddenBy(ROWS + "-mariadb.sql");
        assertThat(mariadb.get("lock-timeout")).endsWith("FOR UPDATE WAIT {seconds}");
    }

    @Test
    void shouldNameTheResourceAndStatementThatAreMissing() {
        assertThatExceptionOfType(LockException.class)
                .isThrownBy(() -> SqlStatements.load("dev/holdfast/lock/none.sql"))
                .withMessage("SQL resource [dev/holdfast/lock/none.sql] not found on the class path");
        assertThatExceptionOfType(LockException.class)
                .isThrownBy(() -> SqlStatements.load(ROWS + ".sql").get("unlock"))
                .withMessage("SQL resource [" + ROWS + ".sql] has no statement named [unlock]");
    }
}
