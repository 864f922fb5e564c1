package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Spring Integration's {@link JdbcLockRegistry} on a {@link DefaultLockRepository} (table {@code INT_LOCK}). */
@State(Scope.Benchmark)
public class IntegrationContender {

    private HikariDataSource pool;

    private DefaultLockRepository repository;

    private JdbcLockRegistry registry;

    /**
     * Prepare the database and open the pool, the repository and the registry, as the application context would.
     *
     * @throws SQLException when the database cannot be reached
     */
    @Setup
    public void open() throws SQLException {
        BenchmarkDatabase.prepare();
        this.pool = BenchmarkDatabase.pool("spring-integration");
        this.repository = new DefaultLockRepository(this.pool);
        this.repository.setTransactionManager(new DataSourceTransactionManager(this.pool));
        this.repository.afterPropertiesSet();
        this.repository.afterSingletonsInstantiated();
        this.repository.start();
        this.registry = new JdbcLockRegistry(this.repository);
    }

    /** Close the repository and the pool. */
    @TearDown
    public void close() {
        this.repository.close();
        this.pool.close();
    }

    void acquireAndRelease(String name) {
        Lock lock = this.registry.obtain(name);
        if (!lock.tryLock()) {
            throw new IllegalStateException("Spring Integration refused lock [" + name + "]");
        }
        lock.unlock();
    }
}
