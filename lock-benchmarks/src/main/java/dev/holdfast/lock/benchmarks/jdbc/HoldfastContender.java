package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Holdfast's {@link JdbcLockStore} behind a {@link LockTemplate}: the path {@code @Locked} and users take. */
@State(Scope.Benchmark)
public class HoldfastContender {

    private final Map<String, LockRequest> requests = new ConcurrentHashMap<>();

    private HikariDataSource pool;

    private LockTemplate template;

    /**
     * Prepare the database and open the pool and the template.
     *
     * @throws SQLException when the database cannot be reached
     */
    @Setup
    public void open() throws SQLException {
        BenchmarkDatabase.prepare();
        this.pool = BenchmarkDatabase.pool("holdfast");
        this.template = LockTemplate.of(new JdbcLockStore(this.pool));
    }

    /** Close the template and the pool. */
    @TearDown
    public void close() {
        this.template.close();
        this.pool.close();
    }

    void acquireAndRelease(String name) {
        LockRequest request = this.requests.computeIfAbsent(
                name,
                (id) -> LockRequest.of("bench", id)
                        .lease(Duration.ofSeconds(30))
                        .build());
        LockResult result = this.template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Holdfast refused lock [bench:" + name + "]: " + result);
        }
        acquired.lease().close();
    }
}
