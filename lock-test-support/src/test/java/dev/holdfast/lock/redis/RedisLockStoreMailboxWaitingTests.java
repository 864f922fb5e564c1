package dev.holdfast.lock.redis;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The mailbox waiting contract on stores whose waiters re-check only once a minute: a caller answered within the
 * contract's bound after a release of the mailbox lock or a written result was woken by the release channel, not by
 * polling.
 */
class RedisLockStoreMailboxWaitingTests extends LockStoreContract implements MailboxWaitingContract {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final String prefix = RedisConnections.uniquePrefix(getClass());

    @Override
    protected LockStore createStore() {
        return newClient();
    }

    @Override
    public LockStore createIndependentClient() {
        return newClient();
    }

    private RedisLockStore newClient() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        RedisLockStore store = new RedisLockStore(factory, prefix, ReplicaAcks.NONE, RECHECK);
        track(() -> {
            store.close();
            factory.destroy();
        });
        return store;
    }
}
