package dev.holdfast.lock.benchmarks.mailbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The stores' round-trip floor in this run: the median time of the cheapest exchange from one thread, {@code PING}
 * through Lettuce (Spring Data Redis) and {@code SELECT 1} through a Hikari pool's connection, measured back to back.
 */
final class Floors {

    private static final int SAMPLES = 3_000;

    private Floors() {}

    /**
     * Measure Redis's round trip.
     *
     * @return the median in milliseconds
     */
    static double redis() {
        LettuceConnectionFactory factory = BenchmarkRedis.factory();
        try (RedisConnection connection = factory.getConnection()) {
            long[] samples = new long[SAMPLES];
            for (int i = -SAMPLES; i < SAMPLES; i++) {
                long start = System.nanoTime();
                connection.ping();
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            return median(samples);
        } finally {
            factory.destroy();
        }
    }

    /**
     * Measure PostgreSQL's round trip.
     *
     * @return the median in milliseconds
     * @throws SQLException when the database fails
     */
    static double postgres() throws SQLException {
        try (HikariDataSource pool = MailboxDatabase.pool("floor");
                Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1")) {
            long[] samples = new long[SAMPLES];
            for (int i = -SAMPLES; i < SAMPLES; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                }
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            return median(samples);
        }
    }

    private static double median(long[] samples) {
        Arrays.sort(samples);
        return samples[samples.length / 2] / 1_000_000.0;
    }
}
