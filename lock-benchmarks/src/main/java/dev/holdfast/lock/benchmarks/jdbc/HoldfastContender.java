package dev.holdfast.lock.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Holdfast's {@link JdbcLockStore} behind a {@link LockTemplate}: the path {@code @Locked} and users take. */
@State(Scope.Benchmark)
public class HoldfastContender {

    /**
     * Measurement only ({@code -Dholdfast.bench.jdbcReleaseBehind=true}): whether committing the release without
     * waiting would help. Each thread then sends its release to an executor (8 threads, as many as the pool's
     * connections) and goes on with its next acquire on another of its keys (64 per thread, in turn), waiting only for
     * its previous release first, so one release overlaps the next acquire. Not a product path: the database store
     * cannot order a release before the same owner's next acquire on another pooled connection.
     */
    private static final boolean RELEASE_BEHIND = Boolean.getBoolean("holdfast.bench.jdbcReleaseBehind");

    private final Map<String, LockRequest> requests = new ConcurrentHashMap<>();

    private final ThreadLocal<CompletableFuture<Void>> previousRelease =
            ThreadLocal.withInitial(() -> CompletableFuture.completedFuture(null));

    private final ThreadLocal<int[]> turn = ThreadLocal.withInitial(() -> new int[1]);

    private ExecutorService releases;

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
        this.releases = Executors.newFixedThreadPool(8);
    }

    /** Close the template and the pool. */
    @TearDown
    public void close() {
        this.releases.shutdown();
        this.template.close();
        this.pool.close();
    }

    void acquireAndRelease(String thread) {
        String name = RELEASE_BEHIND ? thread + "-" + (turn.get()[0]++ & 63) : thread;
        LockRequest request = this.requests.computeIfAbsent(
                name,
                (id) -> LockRequest.of("bench", id)
                        .lease(Duration.ofSeconds(30))
                        .build());
        LockResult result = this.template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Holdfast refused lock [bench:" + name + "]: " + result);
        }
        if (RELEASE_BEHIND) {
            previousRelease.get().join();
            previousRelease.set(acquired.lease().closeAsync(releases));
        } else {
            acquired.lease().close();
        }
    }
}
