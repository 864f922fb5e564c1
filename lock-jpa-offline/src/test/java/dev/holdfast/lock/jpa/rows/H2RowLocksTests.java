package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.test.services.JdbcService;

/** Row locking on embedded H2, the default database. */
class H2RowLocksTests extends AbstractRowLocksTests {

    @Override
    RowLockDatabase createDatabase() {
        return new RowLockDatabase(
                new JdbcService("jdbc:h2:mem:hf_rows;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=3000", "sa", ""), "SELECT 1");
    }

    @Override
    public String[] rawSettings() {
        return new String[0];
    }
}
