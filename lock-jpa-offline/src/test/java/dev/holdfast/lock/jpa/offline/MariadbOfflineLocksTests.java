package dev.holdfast.lock.jpa.offline;

import com.zaxxer.hikari.HikariDataSource;

class MariadbOfflineLocksTests extends AbstractOfflineLocksTests {

    @Override
    HikariDataSource createDataSource() {
        return TestDatabases.mariadb();
    }
}
