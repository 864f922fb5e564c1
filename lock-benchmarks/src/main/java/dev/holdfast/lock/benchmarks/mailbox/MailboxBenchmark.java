package dev.holdfast.lock.benchmarks.mailbox;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Calls per second from 8 threads of one application instance, each call waiting for its own result, per contender.
 * The subclasses pick the mailbox of each call: always the same one, or one of 1,000.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public abstract class MailboxBenchmark {

    abstract String entity(Clients.Caller caller);

    /**
     * Holdfast's mailboxes on Redis.
     *
     * @param client the contender
     * @param caller this thread
     * @return the result, consumed by JMH
     */
    @Benchmark
    public String holdfastRedis(Clients.HoldfastRedisClient client, Clients.Caller caller) {
        return client.call(entity(caller), caller.payload());
    }

    /**
     * A Redisson lock around a Redis list.
     *
     * @param client the contender
     * @param caller this thread
     * @return the result, consumed by JMH
     */
    @Benchmark
    public String redissonList(Clients.RedissonListClient client, Clients.Caller caller) {
        return client.call(entity(caller), caller.payload());
    }

    /**
     * Holdfast's mailboxes on PostgreSQL.
     *
     * @param client the contender
     * @param caller this thread
     * @return the result, consumed by JMH
     */
    @Benchmark
    public String holdfastPostgres(Clients.HoldfastPostgresClient client, Clients.Caller caller) {
        return client.call(entity(caller), caller.payload());
    }

    /**
     * {@code SELECT … FOR UPDATE} on a row per entity over a table of calls.
     *
     * @param client the contender
     * @param caller this thread
     * @return the result, consumed by JMH
     */
    @Benchmark
    public String selectForUpdate(Clients.SelectForUpdateClient client, Clients.Caller caller) {
        return client.call(entity(caller), caller.payload());
    }
}
