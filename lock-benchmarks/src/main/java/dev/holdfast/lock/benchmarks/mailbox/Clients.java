package dev.holdfast.lock.benchmarks.mailbox;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states: one instance of a contender shared by all threads of a benchmark (one application instance with
 * its request threads), and per thread the payloads and the entities to call.
 */
public final class Clients {

    /** The entities of the many-mailboxes scenario. */
    static final int MAILBOXES = 1_000;

    private Clients() {}

    /** A contender opened for the trial. */
    public abstract static class Client {

        MailboxContender contender;

        /** A prefix unique to this trial, so that no run finds another's frames. */
        final String run = "r" + Long.toString(System.nanoTime(), 36);

        abstract Contender kind();

        /**
         * Empty the tables (PostgreSQL) and open the contender.
         *
         * @throws SQLException when the database cannot be reached
         */
        @Setup(Level.Trial)
        public void open() throws SQLException {
            if (!kind().redis()) {
                MailboxDatabase.prepare();
            }
            contender = kind().open(null);
        }

        /** Close the contender. */
        @TearDown(Level.Trial)
        public void close() {
            contender.close();
            long overlaps = EntityLog.OVERLAPS.get();
            if (overlaps > 0) {
                throw new IllegalStateException(kind().method() + " ran " + overlaps
                        + " frame(s) while another frame of the same entity was running");
            }
        }

        String call(String entity, String payload) {
            return contender.call(run + "-" + entity, payload);
        }
    }

    /** Holdfast on Redis. */
    @State(Scope.Benchmark)
    public static class HoldfastRedisClient extends Client {
        @Override
        Contender kind() {
            return Contender.HOLDFAST_REDIS;
        }
    }

    /** Redisson lock around a Redis list. */
    @State(Scope.Benchmark)
    public static class RedissonListClient extends Client {
        @Override
        Contender kind() {
            return Contender.REDISSON_LIST;
        }
    }

    /** Holdfast on PostgreSQL. */
    @State(Scope.Benchmark)
    public static class HoldfastPostgresClient extends Client {
        @Override
        Contender kind() {
            return Contender.HOLDFAST_POSTGRES;
        }
    }

    /** {@code SELECT … FOR UPDATE} on PostgreSQL. */
    @State(Scope.Benchmark)
    public static class SelectForUpdateClient extends Client {
        @Override
        Contender kind() {
            return Contender.SELECT_FOR_UPDATE;
        }
    }

    /** A thread's payloads (numbered) and its choice of mailbox. */
    @State(Scope.Thread)
    public static class Caller {

        private final String thread = "t" + Thread.currentThread().getId() + "-";

        private long sent;

        /** Return the next payload of this thread. */
        String payload() {
            return thread + (sent++);
        }

        /** Return one of {@link #MAILBOXES} entities, uniformly at random. */
        String anyEntity() {
            return "e" + ThreadLocalRandom.current().nextInt(MAILBOXES);
        }
    }
}
