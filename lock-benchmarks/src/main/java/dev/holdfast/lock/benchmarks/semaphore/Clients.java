package dev.holdfast.lock.benchmarks.semaphore;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states holding the contenders' clients: {@code Shared*} is one client for all threads of a benchmark (one
 * application instance), {@code Own*} one client per thread (independent instances).
 */
public final class Clients {

    private Clients() {}

    /** A client of one contender, opened for the trial. */
    public abstract static class Client {

        SemaphoreContender client;

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

    /** Redisson's {@code RPermitExpirableSemaphore}, one client for all threads. */
    @State(Scope.Benchmark)
    public static class SharedPermitExpirable extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON_PERMIT_EXPIRABLE;
        }
    }

    /** Redisson's {@code RSemaphore}, one client for all threads. */
    @State(Scope.Benchmark)
    public static class SharedSemaphore extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON_SEMAPHORE;
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

    /** Redisson's {@code RPermitExpirableSemaphore}, a client per thread. */
    @State(Scope.Thread)
    public static class OwnPermitExpirable extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON_PERMIT_EXPIRABLE;
        }
    }

    /** Redisson's {@code RSemaphore}, a client per thread. */
    @State(Scope.Thread)
    public static class OwnSemaphore extends Client {
        @Override
        Contender contender() {
            return Contender.REDISSON_SEMAPHORE;
        }
    }
}
