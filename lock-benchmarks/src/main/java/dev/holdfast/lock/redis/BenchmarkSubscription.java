package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.WaiterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Opens the Redis store's own release subscription ({@link ReleaseSubscription}, package-private in lock-core) for the
 * notification benchmark of lock-benchmarks, which lives in this package for that reason only. Not part of the API.
 */
public final class BenchmarkSubscription implements AutoCloseable {

    private final ReleaseSubscription subscription;

    private BenchmarkSubscription(ReleaseSubscription subscription) {
        this.subscription = subscription;
    }

    /**
     * Subscribe to a channel exactly as {@link RedisLockStore} does (a message wakes the longest waiter of the lock
     * it names), confirmed end to end.
     *
     * @param factory the connection factory
     * @param channel the channel
     * @param recheck the longest a waiter waits without a message
     * @return the subscription
     * @throws IllegalStateException when the subscription could not be confirmed
     */
    public static BenchmarkSubscription open(RedisConnectionFactory factory, String channel, Duration recheck) {
        ReleaseSubscription subscription = new ReleaseSubscription(
                factory,
                channel.getBytes(StandardCharsets.UTF_8),
                (name) -> false,
                (name) -> null,
                recheck,
                Duration.ofSeconds(5));
        if (!subscription.ensureSubscribed()) {
            subscription.close();
            throw new IllegalStateException("Could not confirm the subscription to channel [" + channel + "]");
        }
        return new BenchmarkSubscription(subscription);
    }

    /**
     * Return the waiters the subscription wakes.
     *
     * @return the registry
     */
    public WaiterRegistry waiters() {
        return subscription.waiters();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
