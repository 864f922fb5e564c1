package dev.holdfast.lock.benchmarks.leases;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.benchmarks.jdbc.BenchmarkDatabase;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * A store under test with what the runner reads from it: the calls sent to it (Redis commands counted by a Lettuce
 * command listener, SQL statements by a counting data source) and the state it holds for the run's namespace (keys
 * under its prefix, rows of its namespace).
 */
sealed interface Target extends AutoCloseable {

    String name();

    LockStore store();

    /** Return the store calls (round trips) sent so far: every Redis command, or the watchdog's SQL statements. */
    long calls();

    /** Return the keys or rows the store holds for the run. */
    long state();

    /** Return what {@link #state()} counts, for the table. */
    String unit();

    @Override
    void close();

    /**
     * Redis: a {@link RedisLockStore} with its own key prefix on a Lettuce connection factory with the defaults.
     *
     * @param prefix the key prefix, unique to the run
     * @return the target
     */
    static Target redis(String prefix) {
        LettuceConnectionFactory factory = BenchmarkRedis.factory();
        AtomicLong commands = new AtomicLong();
        factory.getRequiredNativeClient().addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.incrementAndGet();
            }
        });
        RedisLockStore store = new RedisLockStore(factory, prefix);
        return new Redis(factory, store, commands, prefix);
    }

    /**
     * PostgreSQL: a {@link JdbcLockStore} on the benchmark schema (no listening, free rows kept one second).
     *
     * @param namespace the lock namespace of the run
     * @return the target
     * @throws SQLException when the database cannot be prepared
     */
    static Target postgresql(String namespace) throws SQLException {
        BenchmarkDatabase.prepare();
        HikariDataSource pool = BenchmarkDatabase.pool("holdfast-leases");
        CountingDataSource counting = new CountingDataSource(pool);
        JdbcLockStore store = new JdbcLockStore(counting.dataSource(), false, Duration.ofSeconds(1));
        return new Postgresql(pool, store, counting, namespace);
    }

    /** The Redis target. */
    record Redis(LettuceConnectionFactory factory, RedisLockStore store, AtomicLong commands, String prefix)
            implements Target {

        @Override
        public String name() {
            return "Redis 7";
        }

        @Override
        public long calls() {
            return commands.get();
        }

        @Override
        public long state() {
            long keys = 0;
            try (RedisConnection connection = factory.getConnection();
                    Cursor<byte[]> cursor = connection
                            .keyCommands()
                            .scan(ScanOptions.scanOptions()
                                    .match(prefix + "*")
                                    .count(1000)
                                    .build())) {
                while (cursor.hasNext()) {
                    cursor.next();
                    keys++;
                }
            }
            return keys;
        }

        @Override
        public String unit() {
            return "keys";
        }

        @Override
        public void close() {
            store.close();
            factory.destroy();
        }
    }

    /** The PostgreSQL target. */
    record Postgresql(HikariDataSource pool, JdbcLockStore store, CountingDataSource counting, String namespace)
            implements Target {

        @Override
        public String name() {
            return "PostgreSQL 15";
        }

        @Override
        public long calls() {
            return counting.renewalStatements.get();
        }

        @Override
        public long state() {
            try (Connection connection = pool.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT count(*) FROM holdfast_lock WHERE lock_namespace = ?")) {
                statement.setString(1, namespace);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("Could not count the rows of namespace [" + namespace + "]", ex);
            }
        }

        @Override
        public String unit() {
            return "rows";
        }

        @Override
        public void close() {
            store.close();
            pool.close();
        }
    }
}
