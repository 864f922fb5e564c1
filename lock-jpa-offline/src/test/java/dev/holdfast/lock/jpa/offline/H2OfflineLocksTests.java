package dev.holdfast.lock.jpa.offline;

import com.zaxxer.hikari.HikariDataSource;

class H2OfflineLocksTests extends AbstractOfflineLocksTests {

    @Override
    HikariDataSource createDataSource() {
        return TestDatabases.h2();
    }
}
