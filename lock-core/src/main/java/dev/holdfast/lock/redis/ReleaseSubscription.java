package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.PollingLockWatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The store's one subscription to its release channel, shared by every waiter: the scripts publish the name of the
 * lock they freed, and this wakes the longest waiting watch of that lock that takes the message.
 *
 * <p>The subscription starts with the first watch and is confirmed end to end (a probe message published and
 * received) before the watch is handed out, so a waiter's re-check after subscribing cannot miss a release. It runs on
 * a daemon thread, which works for drivers whose subscribe call blocks (Jedis) as well as for Lettuce, which returns
 * at once and resubscribes by itself after a reconnect. When it cannot be confirmed, watches poll until a later watch
 * subscribes again.
 */
final class ReleaseSubscription implements MessageListener, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ReleaseSubscription.class);

    private final RedisConnectionFactory factory;

    private final byte[] channel;

    private final Duration recheck;

    private final Duration confirmTimeout;

    private final Map<String, Queue<RedisWatch>> watches = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> probes = new ConcurrentHashMap<>();

    private final Object lifecycle = new Object();

    private @Nullable RedisConnection connection;

    private boolean closed;

    ReleaseSubscription(RedisConnectionFactory factory, byte[] channel, Duration recheck, Duration confirmTimeout) {
        this.factory = factory;
        this.channel = channel;
        this.recheck = recheck;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Open a watch on a lock hash for the current thread, subscribing first if needed.
     *
     * @param lockKey the lock hash's name
     * @param sender sends an acquire asynchronously for a prefetch, or {@code null} when the store cannot
     * @param orphanReleaser releases a prefetched grant that nobody took
     * @return a watch woken by the lock's release, or a polling watch when the subscription is down
     */
    LockWatch watch(
            String lockKey,
            @Nullable Function<AcquireCommand, @Nullable CompletableFuture<AcquireOutcome>> sender,
            BiConsumer<AcquireCommand, AcquireOutcome.Granted> orphanReleaser) {
        RedisWatch watch = new RedisWatch(lockKey, recheck, this::remove, sender, orphanReleaser);
        watches.computeIfAbsent(lockKey, (key) -> new ConcurrentLinkedQueue<>()).add(watch);
        if (ensureSubscribed()) {
            return watch;
        }
        watch.close();
        return new PollingLockWatch(Duration.ofMillis(10), recheck);
    }

    /**
     * Return the current thread's open watch on a lock hash.
     *
     * @param lockKey the lock hash's name
     * @return the watch, or {@code null}
     */
    @Nullable
    RedisWatch find(String lockKey) {
        Queue<RedisWatch> waiting = watches.get(lockKey);
        if (waiting != null) {
            for (RedisWatch watch : waiting) {
                if (watch.ownedByCurrentThread()) {
                    return watch;
                }
            }
        }
        return null;
    }

    /**
     * Return how many of this store's waiters wait for a lock.
     *
     * @param lockKey the lock hash's name
     * @return the open watches on it
     */
    int waiting(String lockKey) {
        Queue<RedisWatch> waiting = watches.get(lockKey);
        return (waiting != null) ? waiting.size() : 0;
    }

    /** Return how many watches are open, for tests. */
    int size() {
        return watches.values().stream().mapToInt(Queue::size).sum();
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        CountDownLatch probe = probes.get(body);
        if (probe != null) {
            probe.countDown();
            return;
        }
        wakeOne(watches.get(body));
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            closeConnection();
        }
    }

    private void remove(RedisWatch watch) {
        Queue<RedisWatch> waiting = watches.computeIfPresent(watch.lockKey(), (key, queue) -> {
            queue.remove(watch);
            return queue.isEmpty() ? null : queue;
        });
        if (watch.wokenButGone()) {
            // Its waiter left without acting on the release it was woken for: pass the wake on.
            wakeOne(waiting);
        }
    }

    /** Wake the longest waiting watch that takes the message; the others wait for the next release. */
    private static void wakeOne(@Nullable Queue<RedisWatch> waiting) {
        if (waiting != null) {
            for (RedisWatch watch : waiting) {
                if (watch.released()) {
                    return;
                }
            }
        }
    }

    private boolean ensureSubscribed() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            if (connection != null && connection.isSubscribed() && !connection.isClosed()) {
                return true;
            }
            closeConnection();
            try {
                connection = factory.getConnection();
            } catch (RuntimeException ex) {
                logger.warn("Holdfast could not open the Redis release subscription; waiters poll", ex);
                return false;
            }
            RedisConnection subscriber = connection;
            Thread thread = new Thread(() -> subscribe(subscriber), "holdfast-redis-subscriber");
            thread.setDaemon(true);
            thread.start();
            if (confirm()) {
                return true;
            }
            logger.warn(
                    "Holdfast could not confirm the Redis release subscription within {}; waiters poll",
                    confirmTimeout);
            closeConnection();
            return false;
        }
    }

    private void subscribe(RedisConnection subscriber) {
        try {
            subscriber.subscribe(this, channel);
        } catch (RuntimeException ex) {
            logger.debug("Holdfast's Redis release subscription ended", ex);
            probes.values().forEach(CountDownLatch::countDown);
        }
    }

    private boolean confirm() {
        String probe = "probe:" + UUID.randomUUID();
        CountDownLatch received = new CountDownLatch(1);
        probes.put(probe, received);
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        try (RedisConnection publisher = factory.getConnection()) {
            while (System.nanoTime() < deadline) {
                publisher.publish(channel, probe.getBytes(StandardCharsets.UTF_8));
                if (received.await(20, TimeUnit.MILLISECONDS)) {
                    return connection != null && connection.isSubscribed();
                }
            }
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException ex) {
            logger.debug("Holdfast could not publish the Redis subscription probe", ex);
            return false;
        } finally {
            probes.remove(probe);
        }
    }

    private void closeConnection() {
        RedisConnection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException ex) {
                logger.debug("Holdfast could not close the Redis release subscription", ex);
            }
        }
    }
}
