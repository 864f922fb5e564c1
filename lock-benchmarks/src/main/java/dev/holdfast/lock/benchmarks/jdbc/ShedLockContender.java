package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;

/** ShedLock's {@link JdbcTemplateLockProvider} with the database's time ({@code usingDbTime()}). */
@State(Scope.Benchmark)
public class ShedLockContender {

    private HikariDataSource pool;

    private LockProvider provider;

    /**
     * Prepare the database and open the pool and the provider.
     *
     * @throws SQLException when the database cannot be reached
     */
    @Setup
    public void open() throws SQLException {
        BenchmarkDatabase.prepare();
        this.pool = BenchmarkDatabase.pool("shedlock");
        this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(this.pool))
                .usingDbTime()
                .build());
    }

    /** Close the pool. */
    @TearDown
    public void close() {
        this.pool.close();
    }

    void acquireAndRelease(String name) {
        SimpleLock lock = this.provider
                .lock(new LockConfiguration(ClockProvider.now(), name, Duration.ofSeconds(30), Duration.ZERO))
                .orElseThrow(() -> new IllegalStateException("ShedLock refused lock [" + name + "]"));
        lock.unlock();
    }
}
