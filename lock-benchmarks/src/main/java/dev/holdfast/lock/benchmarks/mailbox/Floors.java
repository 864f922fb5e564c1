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
     * The three floors, measured together.
     *
     * @param redis Redis's round trip, ms
     * @param postgres PostgreSQL's round trip, ms
     * @param commit PostgreSQL's durable one-row commit, ms
     */
    record Measured(double redis, double postgres, double commit) {

        /** Return the mean of two measurements. */
        Measured mean(Measured other) {
            return new Measured(
                    (redis + other.redis) / 2, (postgres + other.postgres) / 2, (commit + other.commit) / 2);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "Redis PING %.3f ms, PostgreSQL SELECT 1 %.3f ms, durable commit %.3f ms",
                    redis,
                    postgres,
                    commit);
        }
    }

    /**
     * Measure all three floors.
     *
     * @return the floors
     * @throws SQLException when the database fails
     */
    static Measured measure() throws SQLException {
        Measured measured = new Measured(redis(), postgres(), postgresCommit());
        System.out.println("floors: " + measured);
        return measured;
    }

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

    /**
     * Measure PostgreSQL's durable commit: a one-row {@code UPDATE} in auto-commit, which waits for the write-ahead
     * log to reach the disk, on a row of the hand-made mailbox's entity table.
     *
     * @return the median in milliseconds
     * @throws SQLException when the database fails
     */
    static double postgresCommit() throws SQLException {
        int samples = SAMPLES / 6;
        try (HikariDataSource pool = MailboxDatabase.pool("floor-commit");
                Connection connection = pool.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO mbx_hand_entity (entity) VALUES ('floor') ON CONFLICT DO NOTHING")) {
                insert.executeUpdate();
            }
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE mbx_hand_entity SET entity = entity WHERE entity = 'floor'")) {
                long[] times = new long[samples];
                for (int i = -samples / 5; i < samples; i++) {
                    long start = System.nanoTime();
                    update.executeUpdate();
                    if (i >= 0) {
                        times[i] = System.nanoTime() - start;
                    }
                }
                return median(times);
            }
        }
    }

    private static double median(long[] samples) {
        Arrays.sort(samples);
        return samples[samples.length / 2] / 1_000_000.0;
    }
}
