package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.WaiterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The store's one subscription to its release channel, shared by every waiter: the scripts publish the name of the
 * lock they freed, and this tells the store's {@link WaiterRegistry}, which wakes the longest waiting watch of that
 * lock; the name of a semaphore or read/write lock wakes all its watches, since the permits given back may let several
 * in. A written mailbox result names its call and wakes only that call's watch; the release of a mailbox's lock wakes
 * one of the mailbox's watches, which takes the mailbox over (a bare mailbox name, as older versions publish, wakes
 * them all).
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

    private final Duration confirmTimeout;

    private final WaiterRegistry waiters;

    private final Predicate<String> wakesAll;

    private final Function<String, @Nullable String> alsoWakes;

    private final Function<String, RedisKeys.@Nullable MailboxResult> results;

    private final Map<String, CountDownLatch> probes = new ConcurrentHashMap<>();

    private final Object lifecycle = new Object();

    private volatile @Nullable RedisConnection connection;

    private boolean closed;

    ReleaseSubscription(
            RedisConnectionFactory factory,
            byte[] channel,
            Predicate<String> wakesAll,
            Function<String, @Nullable String> alsoWakes,
            Duration recheck,
            Duration confirmTimeout) {
        this(factory, channel, wakesAll, alsoWakes, (body) -> null, recheck, confirmTimeout);
    }

    ReleaseSubscription(
            RedisConnectionFactory factory,
            byte[] channel,
            Predicate<String> wakesAll,
            Function<String, @Nullable String> alsoWakes,
            Function<String, RedisKeys.@Nullable MailboxResult> results,
            Duration recheck,
            Duration confirmTimeout) {
        this.factory = factory;
        this.wakesAll = wakesAll;
        this.alsoWakes = alsoWakes;
        this.results = results;
        this.channel = channel;
        this.confirmTimeout = confirmTimeout;
        this.waiters = new WaiterRegistry(recheck, this::subscribed);
    }

    /** Return the waiters this subscription wakes. */
    WaiterRegistry waiters() {
        return waiters;
    }

    /** Return whether release messages arrive now. */
    boolean subscribed() {
        RedisConnection current = connection;
        return current != null && current.isSubscribed() && !current.isClosed();
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        CountDownLatch probe = probes.get(body);
        if (probe != null) {
            probe.countDown();
            return;
        }
        RedisKeys.MailboxResult result = results.apply(body);
        if (result != null) {
            waiters.resultWritten(result.mailbox(), result.callId());
        } else if (wakesAll.test(body)) {
            waiters.releasedAll(body);
        } else {
            waiters.released(body);
            String also = alsoWakes.apply(body);
            if (also != null) {
                // A mailbox's lock: one of the mailbox's callers takes it over.
                waiters.released(also);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            closeConnection();
        }
    }

    /**
     * Subscribe, unless subscribed already, and confirm it end to end.
     *
     * @return {@code true} when release messages will arrive
     */
    boolean ensureSubscribed() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            if (subscribed()) {
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
            // Releases may have been missed: every waiter asks again, then polls until a later watch subscribes.
            waiters.wakeAll();
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
                    return subscribed();
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
