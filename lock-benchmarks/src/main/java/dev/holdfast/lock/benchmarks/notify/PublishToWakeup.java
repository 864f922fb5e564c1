package dev.holdfast.lock.benchmarks.notify;

import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import dev.holdfast.lock.redis.BenchmarkSubscription;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * One operation: {@code PUBLISH} the waiter's lock name on the channel, then spin until the parked waiter has woken.
 * Sample mode gives the latency distribution; its mean, with one message in flight, is the inverse of the throughput.
 * Every path shares one Lettuce connection factory with Spring Data Redis's defaults; the publisher is a connection of
 * the same factory. The subclasses ({@code Round1..3}) repeat the three paths so that drift on a shared machine hits
 * each of them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public abstract class PublishToWakeup {

    /**
     * The store's own subscription: the listener runs on Lettuce's event loop and wakes the waiter from there.
     *
     * @param path the subscription and its waiter
     */
    @Benchmark
    public void holdfastSubscription(HoldfastPath path) {
        path.publishAndAwait();
    }

    /**
     * A {@code RedisMessageListenerContainer} with its default task executor: the listener runs on an executor
     * thread.
     *
     * @param path the container and its waiter
     */
    @Benchmark
    public void listenerContainer(ContainerPath path) {
        path.publishAndAwait();
    }

    /**
     * A {@code RedisMessageListenerContainer} with a {@code SyncTaskExecutor}: the listener runs on the thread that
     * received the message, as the store's does.
     *
     * @param path the container and its waiter
     */
    @Benchmark
    public void listenerContainerSync(SyncContainerPath path) {
        path.publishAndAwait();
    }

    /** A notification path: a subscription, its waiter, a publisher. */
    public abstract static class Path {

        LettuceConnectionFactory factory;

        RedisConnection publisher;

        Waiter waiter;

        byte[] channel;

        private final byte[] body = Waiter.LOCK.getBytes(StandardCharsets.UTF_8);

        abstract WaiterRegistry subscribe(String name);

        abstract void unsubscribe();

        /** Open the factory, the subscription and the waiter. */
        @Setup
        public void open() {
            String name = "notify-bench:" + getClass().getSimpleName() + ":" + System.nanoTime();
            channel = name.getBytes(StandardCharsets.UTF_8);
            factory = BenchmarkRedis.factory();
            publisher = factory.getConnection();
            waiter = new Waiter(subscribe(name));
        }

        void publishAndAwait() {
            waiter.awaitWatching();
            long before = waiter.woken();
            publisher.publish(channel, body);
            waiter.awaitWokenAfter(before);
        }

        /** Close everything. */
        @TearDown
        public void close() {
            waiter.close();
            unsubscribe();
            publisher.close();
            factory.destroy();
        }
    }

    /** The Redis store's release subscription. */
    @State(Scope.Benchmark)
    public static class HoldfastPath extends Path {

        private BenchmarkSubscription subscription;

        @Override
        WaiterRegistry subscribe(String name) {
            subscription = BenchmarkSubscription.open(factory, name, Duration.ofSeconds(1));
            return subscription.waiters();
        }

        @Override
        void unsubscribe() {
            subscription.close();
        }
    }

    /** A listener container; its listener wakes the waiters of a registry as the store's subscription does. */
    @State(Scope.Benchmark)
    public static class ContainerPath extends Path {

        private RedisMessageListenerContainer container;

        void configure(RedisMessageListenerContainer container) {}

        @Override
        WaiterRegistry subscribe(String name) {
            WaiterRegistry registry = new WaiterRegistry(Duration.ofSeconds(1), () -> true);
            CountDownLatch probed = new CountDownLatch(1);
            MessageListener listener = (message, pattern) -> {
                String lock = new String(message.getBody(), StandardCharsets.UTF_8);
                if ("probe".equals(lock)) {
                    probed.countDown();
                } else {
                    registry.released(lock);
                }
            };
            container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            configure(container);
            container.addMessageListener(listener, new ChannelTopic(name));
            container.afterPropertiesSet();
            container.start();
            try {
                while (!probed.await(20, TimeUnit.MILLISECONDS)) {
                    publisher.publish(channel, "probe".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted confirming the container's subscription", ex);
            }
            return registry;
        }

        @Override
        void unsubscribe() {
            container.stop();
            try {
                container.destroy();
            } catch (Exception ex) {
                throw new IllegalStateException("Could not close the listener container", ex);
            }
        }
    }

    /** A listener container that calls its listener on the receiving thread. */
    @State(Scope.Benchmark)
    public static class SyncContainerPath extends ContainerPath {

        @Override
        void configure(RedisMessageListenerContainer container) {
            container.setTaskExecutor(new SyncTaskExecutor());
        }
    }
}
