package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Row locking on a real PostgreSQL. */
class PostgresRowLocksTests extends AbstractServerRowLocksTests {

    @Override
    RowLockDatabase createDatabase() {
        return new RowLockDatabase(TestServices.postgres(), "SET deadlock_timeout = '100ms'; SET lock_timeout = '5s'");
    }

    @Override
    public String[] rawSettings() {
        return new String[] {"SET deadlock_timeout = '100ms'", "SET lock_timeout = '5s'"};
    }

    @Override
    String[] heavyHolderSettings() {
        // PostgreSQL aborts the transaction that runs the deadlock check: make it the pool's, not this one
        return new String[] {"SET deadlock_timeout = '5s'", "SET lock_timeout = '8s'"};
    }

    @Override
    void assertDeadlockError(SQLException error) {
        assertThat(error.getSQLState()).isEqualTo("40P01");
        assertThat(error.getMessage()).contains("deadlock detected");
    }

    @Override
    long sessionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    boolean waitsForRowLock(long sessionId) {
        return this.db.jdbcTemplate.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'",
                        Long.class,
                        sessionId)
                > 0;
    }
}
