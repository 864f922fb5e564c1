package dev.holdfast.lock.jpa.offline;

import com.zaxxer.hikari.HikariDataSource;

class PostgresOfflineLocksTests extends AbstractOfflineLocksTests {

    @Override
    HikariDataSource createDataSource() {
        return TestDatabases.postgres();
    }
}
