package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.test.services.TestServices;
import java.sql.SQLException;

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
}
