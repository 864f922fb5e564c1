package dev.holdfast.lock.benchmarks.redis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario (c): four independent clients (each thread its own client and connections) contend for one key; each
 * operation waits for the lock, then releases it. The primary score is grants per second; the secondary counter
 * {@code handoffs} counts only the grants that went to another client than the previous one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class FourClientsOneKey {

    /**
     * Holdfast: {@code LockTemplate.acquire} with a wait, then {@code Lease.close()}.
     *
     * @param holdfast this thread's client
     * @param handoffs this thread's hand-off counter
     * @param last the previous holder
     */
    @Benchmark
    public void holdfast(Clients.OwnHoldfast holdfast, Handoffs handoffs, LastHolder last) {
        grant(holdfast.client, "contended-holdfast", handoffs, last);
    }

    /**
     * Redisson: {@code RLock.lock()} then {@code unlock()}.
     *
     * @param redisson this thread's client
     * @param handoffs this thread's hand-off counter
     * @param last the previous holder
     */
    @Benchmark
    public void redisson(Clients.OwnRedisson redisson, Handoffs handoffs, LastHolder last) {
        grant(redisson.client, "contended-redisson", handoffs, last);
    }

    /**
     * Spring Integration, spin mode: {@code lock()} then {@code unlock()}.
     *
     * @param integration this thread's registry
     * @param handoffs this thread's hand-off counter
     * @param last the previous holder
     */
    @Benchmark
    public void springIntegrationSpin(Clients.OwnIntegrationSpin integration, Handoffs handoffs, LastHolder last) {
        grant(integration.client, "contended-si-spin", handoffs, last);
    }

    /**
     * Spring Integration, pub/sub mode: {@code lock()} then {@code unlock()}.
     *
     * @param integration this thread's registry
     * @param handoffs this thread's hand-off counter
     * @param last the previous holder
     */
    @Benchmark
    public void springIntegrationPubSub(Clients.OwnIntegrationPubSub integration, Handoffs handoffs, LastHolder last) {
        grant(integration.client, "contended-si-pubsub", handoffs, last);
    }

    /**
     * ShedLock: {@code lock} retried until granted, then {@code unlock()}.
     *
     * @param shedlock this thread's provider
     * @param handoffs this thread's hand-off counter
     * @param last the previous holder
     */
    @Benchmark
    public void shedlock(Clients.OwnShedLock shedlock, Handoffs handoffs, LastHolder last) {
        grant(shedlock.client, "contended-shedlock", handoffs, last);
    }

    private static void grant(RedisContender client, String id, Handoffs handoffs, LastHolder last) {
        RedisContender.Held held = client.acquire(id);
        if (last.holder.getAndSet(handoffs.thread) != handoffs.thread) {
            handoffs.handoffs++;
        }
        held.release();
    }

    /** The thread that held the lock last. */
    @State(Scope.Benchmark)
    public static class LastHolder {

        final AtomicInteger holder = new AtomicInteger(-1);
    }

    /** Counts the grants of one thread that took the lock from another client. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Handoffs {

        private static final AtomicInteger NEXT = new AtomicInteger();

        /** Grants taken over from another client in this iteration. */
        public long handoffs;

        final int thread = NEXT.incrementAndGet();

        /** Start each iteration's count at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            handoffs = 0;
        }
    }
}
