package dev.holdfast.lock.benchmarks.redis;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states that hold the contenders' clients: {@code Shared*} is one client for all threads of a benchmark (one
 * application instance, many threads), {@code Own*} is one client per thread (independent instances).
 */
public final class Clients {

    private Clients() {}

    /** A client of one contender, opened for the trial. */
    public abstract static class Client {

        RedisContender client;

        abstract Contender contender();

        /** Open the client. */
        @Setup(Level.Trial)
        public void open() {
            client = contender().open();
        }

        /** Close the client. */
        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    /** Holdfast, one client for all threads. */
    @State(Scope.Benchmark)
    public static class SharedHoldfast extends Client {
        @Override
        Contender contender() {
            return Contender.HOLDFAST;
        }
    }

    /** Redisson, one client for all threads. */
    @State(Scope.Benchmark)
    public static class SharedRedisson extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON;
        }
    }

    /** Spring Integration in spin mode, one registry for all threads. */
    @State(Scope.Benchmark)
    public static class SharedIntegrationSpin extends Client {
        @Override
        Contender contender() {
            return Contender.SPRING_INTEGRATION_SPIN;
        }
    }

    /** Spring Integration in pub/sub mode, one registry for all threads. */
    @State(Scope.Benchmark)
    public static class SharedIntegrationPubSub extends Client {
        @Override
        Contender contender() {
            return Contender.SPRING_INTEGRATION_PUB_SUB;
        }
    }

    /** ShedLock, one provider for all threads. */
    @State(Scope.Benchmark)
    public static class SharedShedLock extends Client {
        @Override
        Contender contender() {
            return Contender.SHEDLOCK;
        }
    }

    /** Holdfast, a client per thread. */
    @State(Scope.Thread)
    public static class OwnHoldfast extends Client {
        @Override
        Contender contender() {
            return Contender.HOLDFAST;
        }
    }

    /** Redisson, a client per thread. */
    @State(Scope.Thread)
    public static class OwnRedisson extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON;
        }
    }

    /** Spring Integration in spin mode, a registry and connection factory per thread. */
    @State(Scope.Thread)
    public static class OwnIntegrationSpin extends Client {
        @Override
        Contender contender() {
            return Contender.SPRING_INTEGRATION_SPIN;
        }
    }

    /** Spring Integration in pub/sub mode, a registry and connection factory per thread. */
    @State(Scope.Thread)
    public static class OwnIntegrationPubSub extends Client {
        @Override
        Contender contender() {
            return Contender.SPRING_INTEGRATION_PUB_SUB;
        }
    }

    /** ShedLock, a provider and connection factory per thread. */
    @State(Scope.Thread)
    public static class OwnShedLock extends Client {
        @Override
        Contender contender() {
            return Contender.SHEDLOCK;
        }
    }
}
