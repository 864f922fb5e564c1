package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.BasicContract;
import dev.holdfast.lock.test.ConcurrencyContract;
import dev.holdfast.lock.test.ConcurrentLockContract;
import dev.holdfast.lock.test.ConcurrentLockWaitingContract;
import dev.holdfast.lock.test.HandleContract;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxContract;
import dev.holdfast.lock.test.MailboxDeliveryContract;
import dev.holdfast.lock.test.MailboxOperationsContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import dev.holdfast.lock.test.OnlyIfExistsContract;
import dev.holdfast.lock.test.PriorityContract;
import dev.holdfast.lock.test.ReactiveContract;
import dev.holdfast.lock.test.ReadWriteLockContract;
import dev.holdfast.lock.test.SemaphoreContract;
import dev.holdfast.lock.test.WaitingContract;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The whole store contract, mailboxes included, against the real Redis; every independent client has a connection factory (and Lettuce
 * client) of its own, standing in for another application instance.
 */
class RedisLockStoreTests extends LockStoreContract
        implements BasicContract,
                PriorityContract,
                HandleContract,
                WaitingContract,
                OnlyIfExistsContract,
                ConcurrencyContract,
                SemaphoreContract,
                ReadWriteLockContract,
                ConcurrentLockContract,
                ConcurrentLockWaitingContract,
                ReactiveContract,
                MailboxContract,
                MailboxDeliveryContract,
                MailboxOperationsContract,
                MailboxWaitingContract {

    private final String prefix = RedisConnections.uniquePrefix(getClass());

    @Override
    protected LockStore createStore() {
        return newClient();
    }

    @Override
    public LockStore createIndependentClient() {
        return newClient();
    }

    @Override
    public Duration wakeUpBound() {
        return Duration.ofMillis(200);
    }

    /**
     * Adjust each client's connection factory before the store uses it.
     *
     * @param factory the factory
     */
    void configure(LettuceConnectionFactory factory) {}

    private RedisLockStore newClient() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        configure(factory);
        RedisLockStore store = new RedisLockStore(factory, prefix);
        track(() -> {
            store.close();
            factory.destroy();
        });
        return store;
    }
}
