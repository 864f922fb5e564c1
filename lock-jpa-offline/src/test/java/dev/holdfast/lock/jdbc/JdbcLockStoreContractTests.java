package dev.holdfast.lock.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.BasicContract;
import dev.holdfast.lock.test.ConcurrencyContract;
import dev.holdfast.lock.test.ConcurrentLockContract;
import dev.holdfast.lock.test.ConcurrentLockWaitingContract;
import dev.holdfast.lock.test.HandleContract;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxContract;
import dev.holdfast.lock.test.MailboxDeliveryContract;
import dev.holdfast.lock.test.MailboxOperationsContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import dev.holdfast.lock.test.OnlyIfExistsContract;
import dev.holdfast.lock.test.PriorityContract;
import dev.holdfast.lock.test.ReadWriteLockContract;
import dev.holdfast.lock.test.SemaphoreContract;
import dev.holdfast.lock.test.WaitingContract;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The whole store contract, kept by {@link JdbcLockStore} on H2, PostgreSQL and MariaDB: plain locks, semaphores and
 * read/write locks, and mailboxes.
 */
class JdbcLockStoreContractTests {

    @Nested
    class H2 extends Contract {
        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @Nested
    class Postgres extends Contract {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class Mariadb extends Contract {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract extends LockStoreContract
            implements BasicContract,
                    PriorityContract,
                    HandleContract,
                    WaitingContract,
                    OnlyIfExistsContract,
                    ConcurrencyContract,
                    SemaphoreContract,
                    ReadWriteLockContract,
                    ConcurrentLockContract,
                    ConcurrentLockWaitingContract,
                    MailboxContract,
                    MailboxDeliveryContract,
                    MailboxOperationsContract,
                    MailboxWaitingContract {

        private final HikariDataSource dataSource;

        private final HikariDataSource otherClient;

        Contract(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.dataSource = pool(database);
            this.otherClient = pool(database);
            String platform = LockTablePlatform.of(Database.of(this.dataSource)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.dataSource);
        }

        @Override
        protected LockStore createStore() {
            return new JdbcLockStore(this.dataSource);
        }

        @Override
        public LockStore createIndependentClient() {
            return track(new JdbcLockStore(this.otherClient));
        }

        @AfterAll
        void closePools() {
            this.dataSource.close();
            this.otherClient.close();
        }

        private static HikariDataSource pool(JdbcService service) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(service.url());
            dataSource.setUsername(service.username());
            dataSource.setPassword(service.password());
            dataSource.setMaximumPoolSize(8);
            return dataSource;
        }
    }
}
