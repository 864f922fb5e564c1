package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.PollingLockWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@link LockStore} on Redis, through Spring Data Redis (Lettuce or Jedis).
 *
 * <p>Each lock is a hash ({@code <prefix>:lock:{<namespace>:<id>}}) whose lease is the key's TTL ({@code PX}), so
 * expiry is decided by the server's clock. Every operation is one Lua script, run by SHA and reloaded when the server
 * answers {@code NOSCRIPT}; the acquire script produces the fencing token from a per-lock counter key in the same
 * hash slot, which never expires (and, when lost with the data, restarts above every earlier token from the server
 * clock in microseconds). Renew, release and expire check the owner and the token inside their scripts. With a
 * {@code LettuceConnectionFactory} that shares its native connection (the default), the scripts run straight on that
 * connection; otherwise on a Spring Data Redis connection per call.
 *
 * <p>Waiting: a refused acquire marks the lock as waited for; releasing, expiring, preempting or claiming such a lock
 * publishes its name on one channel ({@code <prefix>:released}), and the store holds one subscription to it for all
 * its waiters, started by the first wait. A message wakes one of the store's waiters for that lock, the longest
 * waiting (a grant to it keeps the lock marked while others wait, so its release wakes the next): N waiters in one
 * application cost one acquire per release, not N (the {@link dev.holdfast.lock.spi.WaiterRegistry}). On a Lettuce
 * connection the subscription's thread sends the waiter's acquire as soon as the message arrives and wakes the waiter
 * with the answer, timed from when it was sent (a grant the waiter no longer takes is released at once). A waiter
 * also re-checks when the holder's lease runs out (the refusal carries the remaining TTL), and at least once a second
 * in case a message was lost while the subscription reconnected.
 *
 * <p>{@link #list} is the one operation that may take several calls: each call runs a script over one bounded
 * {@code SCAN} page ({@value #SCAN_COUNT} keys) until {@code limit} locks are found or the keyspace is done; on Redis
 * Cluster it sees the node that answers the script only. {@link #renewAll} renews up to {@value #BATCH} leases per
 * script call, grouped by hash slot on a cluster.
 *
 * <p>Thread-safe. Every failure of Redis (unreachable, timed out by the connection factory's command timeout, failed)
 * becomes a {@link LockStoreException} naming the lock; a failure never grants. {@link #close()} stops the
 * subscription; the connection factory belongs to the caller.
 */
public final class RedisLockStore implements LockStore, AutoCloseable {

    /** The key prefix used when none is given. */
    public static final String DEFAULT_PREFIX = "holdfast";

    static final int SCAN_COUNT = 500;

    static final int BATCH = 1000;

    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final RedisConnectionFactory factory;

    private final RedisKeys keys;

    private final ScriptRunner scripts;

    private final AcquireCalls acquires;

    private final byte[] channel;

    private final ReleaseSubscription subscription;

    /**
     * Create a store with the {@value #DEFAULT_PREFIX} key prefix.
     *
     * @param factory the connections to Redis; its command timeout bounds how long a call to a failing Redis takes
     */
    public RedisLockStore(RedisConnectionFactory factory) {
        this(factory, DEFAULT_PREFIX);
    }

    /**
     * Create a store.
     *
     * @param factory the connections to Redis; its command timeout bounds how long a call to a failing Redis takes
     * @param prefix the first part of every key: letters, digits, {@code . : _ -}
     * @throws IllegalArgumentException when the prefix is blank or holds other characters
     */
    public RedisLockStore(RedisConnectionFactory factory, String prefix) {
        if (factory == null) {
            throw new IllegalArgumentException("RedisConnectionFactory must not be null (key prefix [" + prefix + "])");
        }
        this.factory = factory;
        this.keys = new RedisKeys(prefix);
        this.scripts = ScriptRunner.of(factory);
        this.channel = keys.channel();
        this.acquires = new AcquireCalls(scripts, keys, channel);
        this.subscription = new ReleaseSubscription(factory, channel, RECHECK, Duration.ofSeconds(5));
    }

    /**
     * Return a store on the same connections with another key prefix.
     *
     * @param prefix the first part of every key
     * @return a new store
     */
    public RedisLockStore withPrefix(String prefix) {
        return new RedisLockStore(factory, prefix);
    }

    /**
     * Return the key prefix.
     *
     * @return the prefix
     */
    public String prefix() {
        return keys.prefix();
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        return acquires.acquire(command, subscription.waiters().waiting(keys.lock(command.key())) > 0);
    }

    @Override
    public boolean renew(RenewCommand command) {
        LockKey key = command.key();
        return call(
                key,
                "renewed",
                () -> scripts.number(
                                LuaScript.RENEW,
                                1,
                                bytes(keys.lock(key)),
                                bytes(command.owner()),
                                bytes(command.token()),
                                bytes(LockStore.leaseMillis(command.lease())))
                        == 1);
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<RenewCommand> all = List.copyOf(commands);
        LockKey first = all.get(0).key();
        String what = (all.size() == 1) ? "renewed" : "renewed with " + (all.size() - 1) + " other leases";
        return call(first, what, () -> {
            List<RenewCommand> lost = new ArrayList<>();
            for (List<RenewCommand> batch :
                    RenewBatches.of(all, BATCH, scripts.cluster(), (command) -> keys.lock(command.key()))) {
                lost.addAll(renewBatch(batch));
            }
            return lost;
        });
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        long outcome = call(
                key,
                "released",
                () -> scripts.number(LuaScript.RELEASE, 1, bytes(keys.lock(key)), bytes(owner), bytes(token), channel));
        if (outcome == 2) {
            return ReleaseOutcome.RELEASED;
        }
        return (outcome == 1) ? ReleaseOutcome.HOLD_DECREMENTED : ReleaseOutcome.NOT_HELD;
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        return call(
                key,
                "expired",
                () -> scripts.number(
                                LuaScript.EXPIRE,
                                1,
                                bytes(keys.lock(key)),
                                bytes((owner != null) ? "1" : "0"),
                                bytes((owner != null) ? owner : ""),
                                channel)
                        == 1);
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        return call(key, "inspected", () -> {
            List<Object> reply = scripts.list(LuaScript.INSPECT, 1, bytes(keys.lock(key)));
            return (reply == null || reply.isEmpty()) ? Optional.empty() : Optional.of(Replies.state(key, reply, 0));
        });
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            return RedisListing.list(scripts, keys, namespace, limit);
        } catch (RuntimeException ex) {
            throw new LockStoreException(
                    "Locks " + ((namespace != null) ? "in namespace [" + namespace + "] " : "")
                            + "could not be listed: Redis failed (" + ex.getMessage() + ")",
                    ex);
        }
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        if (!subscription.ensureSubscribed()) {
            return new PollingLockWatch(this, command, Duration.ofMillis(10), RECHECK);
        }
        return subscription.waiters().watch(keys.lock(command.key()), command, acquires);
    }

    /** Stop the release subscription; the connection factory stays open. */
    @Override
    public void close() {
        subscription.close();
    }

    RedisKeys keys() {
        return keys;
    }

    ReleaseSubscription subscription() {
        return subscription;
    }

    private List<RenewCommand> renewBatch(List<RenewCommand> batch) {
        byte[][] keysAndArgs = new byte[batch.size() * 4][];
        for (int i = 0; i < batch.size(); i++) {
            RenewCommand command = batch.get(i);
            keysAndArgs[i] = bytes(keys.lock(command.key()));
            int arg = batch.size() + 3 * i;
            keysAndArgs[arg] = bytes(command.owner());
            keysAndArgs[arg + 1] = bytes(command.token());
            keysAndArgs[arg + 2] = bytes(LockStore.leaseMillis(command.lease()));
        }
        List<Object> renewed = scripts.list(LuaScript.RENEW_ALL, batch.size(), keysAndArgs);
        List<RenewCommand> lost = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (Replies.number(renewed.get(i)) != 1) {
                lost.add(batch.get(i));
            }
        }
        return lost;
    }

    private <T> T call(LockKey key, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException ex) {
            throw failure(key, what, ex);
        }
    }

    static LockStoreException failure(LockKey key, String what, RuntimeException ex) {
        if (ex instanceof LockStoreException failure) {
            return failure;
        }
        return new LockStoreException(
                "Lock [" + key + "] could not be " + what + ": Redis failed (" + ex.getMessage() + ")", ex);
    }
}
