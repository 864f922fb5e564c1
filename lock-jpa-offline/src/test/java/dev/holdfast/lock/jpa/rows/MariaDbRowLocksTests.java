package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.test.services.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Row locking on a real MariaDB (InnoDB). */
class MariaDbRowLocksTests extends AbstractServerRowLocksTests {

    @Override
    RowLockDatabase createDatabase() {
        return new RowLockDatabase(TestServices.mariadb(), "SET SESSION innodb_lock_wait_timeout = 5");
    }

    @Override
    public String[] rawSettings() {
        return new String[] {"SET SESSION innodb_lock_wait_timeout = 5"};
    }

    @Override
    String[] heavyHolderSettings() {
        // InnoDB rolls back the lighter transaction: this one has written rows, the pool's has not
        return new String[] {"SET SESSION innodb_lock_wait_timeout = 8"};
    }

    @Override
    void assertDeadlockError(SQLException error) {
        assertThat(error.getErrorCode()).isEqualTo(1213);
        assertThat(error.getMessage()).contains("Deadlock");
    }

    @Override
    long sessionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CONNECTION_ID()")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    boolean waitsForRowLock(long sessionId) {
        return this.db.jdbcTemplate.queryForObject(
                        "SELECT count(*) FROM information_schema.INNODB_TRX"
                                + " WHERE trx_mysql_thread_id = ? AND trx_state = 'LOCK WAIT'",
                        Long.class,
                        sessionId)
                > 0;
    }
}
