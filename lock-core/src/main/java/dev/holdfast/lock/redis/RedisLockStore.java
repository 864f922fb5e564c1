package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.DelegatingMailboxStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.PollingLockWatch;
import dev.holdfast.lock.spi.PollingPermitWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@link LockStore}, {@link SemaphoreStore} and {@link MailboxStore} on Redis, through Spring Data Redis (Lettuce or Jedis): one server, a
 * primary with replicas behind Sentinel, or Redis Cluster.
 *
 * <p>Each lock is a hash ({@code <prefix>:lock:{<namespace>:<id>}}) whose lease is the key's TTL ({@code PX}), so
 * expiry is decided by the server's clock; the braces are a hash tag, so on a cluster everything a lock needs is in
 * one slot. Every operation is one Lua script, run by SHA and reloaded when the server answers {@code NOSCRIPT}; the
 * acquire script makes the fencing token from the server clock ({@code TIME}, in microseconds), so a released or
 * expired lock leaves no key behind. Renew, release and expire check the owner and the token inside their scripts.
 * With a {@code LettuceConnectionFactory} that shares its native connection (the default), the scripts run straight
 * on that connection (on a cluster, Lettuce's cluster connection sends each to its slot's primary); otherwise on a
 * Spring Data Redis connection per call. The store logs which at {@code INFO} when it is created.
 *
 * <p>Waiting: a refused acquire marks the lock as waited for; releasing, expiring, preempting or claiming such a lock
 * publishes its name on one channel ({@code <prefix>:released}), and the store holds one subscription to it for all
 * its waiters, started by the first wait (on a cluster a publish reaches every node, so the subscription may be on
 * any). A message wakes one of the store's waiters for that lock, the longest waiting (a grant to it keeps the lock
 * marked while others wait, so its release wakes the next): N waiters in one application cost one acquire per
 * release, not N (the {@link dev.holdfast.lock.spi.WaiterRegistry}). On a Lettuce connection the subscription's
 * thread sends the waiter's acquire as soon as the message arrives and wakes the waiter with the answer, timed from
 * when it was sent (a grant the waiter no longer takes is released at once). A waiter also re-checks when the
 * holder's lease runs out (the refusal carries the remaining TTL), and at least once a second in case a message was
 * lost while the subscription reconnected.
 *
 * <p>Replication: by default a grant is returned once the primary has it, and a failover to a replica that had not
 * received it yet loses it (a second client can then be granted the lock). With {@link Builder#replicasToAck} the
 * store sends {@code WAIT} right behind each acquire and renew script, on the same connection, and returns a grant or
 * a renewal only once that many replicas acknowledged it; a grant they did not acknowledge within
 * {@link Builder#ackTimeout} is given back (best effort) and the call fails with a {@link LockStoreException}.
 * Waiters then acquire on their own threads rather than on the subscription's.
 *
 * <p>{@link #list} and {@link #listSemaphores} are the operations that may take several calls: on one server each
 * call of the lock list runs a script over one bounded {@code SCAN} page ({@value #SCAN_COUNT} keys) until
 * {@code limit} locks are found or the keyspace is done; on Redis Cluster, and for semaphores on any topology,
 * {@code SCAN} walks every primary and each one found is read by a script on its own node. {@link #renewAll} and
 * {@link #renewAllPermits} renew up to {@value #BATCH} leases per script call, grouped by hash slot on a cluster.
 *
 * <p>Semaphores and read/write locks ({@link SemaphoreStore}): each is a hash ({@code <prefix>:sem:{<namespace>:<id>}},
 * {@code <prefix>:rw:{…}}) holding its definition, last token and one field per grant, with sorted sets of its grants'
 * expiries ({@code sem-leases}), its queue ({@code sem-queue}) and its queue places' claims ({@code sem-claims}), all
 * with the lock hash's tag, so in one slot. Every operation is one script that prunes what ran out by the server
 * clock first; tokens are the server time in microseconds, or the semaphore's last token + 1 when higher. A semaphore
 * lives until deleted; a read/write lock's keys expire with its last lease or queue place and are deleted when it has
 * neither. A refusal marks the semaphore as waited for during {@link SemaphoreStore#QUEUE_CLAIM} (waiters ask again
 * within a second); a release, resize or delete within that time publishes its name on the release channel, which
 * wakes every waiter of this store for it. {@link Builder#replicasToAck} holds permit grants and renewals to the same
 * guarantee as locks.
 *
 * <p>Mailboxes ({@link MailboxStore}): a mailbox is a list of call ids ({@code <prefix>:mbox-queue:{mailbox.<type>:<id>}})
 * and a hash of its frames ({@code mbox-frames}), its dead letters a list and a hash ({@code mbox-dead-order},
 * {@code mbox-dead}), all with the hash tag of the mailbox lock, so in one slot with its hash; each step is one
 * script, and the runner's steps check the lock hash's token in it (fencing). Redis drops a list or hash with its
 * last entry, so an emptied mailbox leaves no key. A result is a string in the mailbox's slot
 * ({@code mbox-result}) that expires with its TTL, found by its call id through a key of the same TTL
 * ({@code mbox-call:{<call id>}}) written just before it. Writing a result publishes the mailbox's name
 * ({@code <prefix>:mbox:{…}}) on the release channel, which wakes the mailbox's watches, as the release of a waited-for
 * mailbox lock does; {@link #mailboxesWithWork} scans for queues (every primary of a cluster). Mailbox steps do not
 * wait for replicas ({@link Builder#replicasToAck} holds lock and permit grants only): a failover may lose the last
 * steps (a lost result runs its frame again; a lost enqueue leaves its caller to time out).
 *
 * <p>Thread-safe. Every failure of Redis (unreachable, timed out by the connection factory's command timeout, failed)
 * becomes a {@link LockStoreException} naming the lock; a failure never grants. {@link #close()} stops the
 * subscription; the connection factory belongs to the caller.
 */
public final class RedisLockStore implements LockStore, SemaphoreStore, DelegatingMailboxStore, AutoCloseable {

    /** The key prefix used when none is given. */
    public static final String DEFAULT_PREFIX = "holdfast";

    static final int SCAN_COUNT = 500;

    static final int BATCH = 1000;

    private static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(RedisLockStore.class);

    private final RedisConnectionFactory factory;

    private final RedisKeys keys;

    private final ScriptRunner scripts;

    private final AcquireCalls acquires;

    private final RenewCalls renewals;

    private final byte[] channel;

    private final ReleaseSubscription subscription;

    private final ReplicaAcks acks;

    private final PermitCalls permits;

    private final RedisSemaphores semaphores;

    private final RedisMailboxes mailboxes;

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
        this(factory, prefix, ReplicaAcks.NONE);
    }

    private RedisLockStore(RedisConnectionFactory factory, String prefix, ReplicaAcks acks) {
        this(factory, prefix, acks, RECHECK);
    }

    /** Create a store whose waiters ask again after {@code recheck} without a release message (tests stretch it). */
    RedisLockStore(RedisConnectionFactory factory, String prefix, ReplicaAcks acks, Duration recheck) {
        if (factory == null) {
            throw new IllegalArgumentException("RedisConnectionFactory must not be null (key prefix [" + prefix + "])");
        }
        this.factory = factory;
        this.keys = new RedisKeys(prefix);
        this.scripts = ScriptRunner.of(factory);
        this.acks = acks;
        if (acks.required()
                && scripts instanceof LettuceScriptRunner lettuce
                && acks.timeout().compareTo(lettuce.commandTimeout()) >= 0) {
            throw new IllegalArgumentException("Replica acknowledgement timeout " + acks.timeout()
                    + " must be shorter than the connection factory's command timeout " + lettuce.commandTimeout()
                    + " (key prefix [" + prefix + "])");
        }
        this.channel = keys.channel();
        this.acquires = new AcquireCalls(scripts, keys, channel, acks);
        this.renewals = new RenewCalls(scripts, keys, acks);
        this.permits = new PermitCalls(scripts, keys, channel, acks);
        this.semaphores = new RedisSemaphores(scripts, keys, channel, acks, permits);
        this.subscription = new ReleaseSubscription(
                factory,
                channel,
                keys::wakesAll,
                keys::mailboxOfLock,
                keys::parseMailboxResult,
                recheck,
                Duration.ofSeconds(5));
        this.mailboxes = new RedisMailboxes(scripts, keys, channel, subscription, this::inspect);
        logger.info(
                "Holdfast's Redis store (key prefix [{}]) runs its scripts on {}{}",
                prefix,
                scripts.describe(),
                acks.required()
                        ? "; a grant or renewal counts once " + acks.replicas() + " replica(s) acknowledged it (WAIT,"
                                + " at most " + acks.timeout() + ")"
                        : "");
    }

    /**
     * Start building a store, to choose its key prefix and the replication a grant waits for.
     *
     * @param factory the connections to Redis; its command timeout bounds how long a call to a failing Redis takes
     * @return a builder with the {@value #DEFAULT_PREFIX} prefix, waiting for no replica
     */
    public static Builder builder(RedisConnectionFactory factory) {
        return new Builder(factory);
    }

    /**
     * Return a store on the same connections, with the same replication, and another key prefix.
     *
     * @param prefix the first part of every key
     * @return a new store
     */
    public RedisLockStore withPrefix(String prefix) {
        return new RedisLockStore(factory, prefix, acks);
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
        return acquires.acquire(command, othersWait(command.key()));
    }

    /** Return whether this store's waiters wait for a lock: its own, or a mailbox's callers for a mailbox lock. */
    private boolean othersWait(LockKey key) {
        String lock = keys.lock(key);
        String mailbox = keys.mailboxOfLock(lock);
        return subscription.waiters().waiting(lock) > 0
                || (mailbox != null && subscription.waiters().waiting(mailbox) > 0);
    }

    /**
     * Send the acquire script without occupying a thread on Lettuce; otherwise, or when grants wait for replicas, run
     * {@link #acquire} on {@code offload}.
     */
    @Override
    public CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, Executor offload) {
        CompletableFuture<AcquireOutcome> reply = acquires.acquireAsync(command, othersWait(command.key()));
        return (reply != null)
                ? named(reply, command.key(), "acquired")
                : LockStore.super.acquireAsync(command, offload);
    }

    /** Send the release script without occupying a thread on Lettuce; otherwise run {@link #release} on {@code offload}. */
    @Override
    public CompletableFuture<ReleaseOutcome> releaseAsync(LockKey key, String owner, long token, Executor offload) {
        CompletableFuture<Long> reply = acquires.releaseAsync(key, owner, token);
        if (reply == null) {
            return LockStore.super.releaseAsync(key, owner, token, offload);
        }
        return named(reply, key, "released").thenApply(RedisLockStore::releaseOutcome);
    }

    private static <T> CompletableFuture<T> named(CompletableFuture<T> reply, LockKey key, String what) {
        return reply.exceptionallyCompose((ex) -> {
            Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
            RuntimeException failure =
                    (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
            return CompletableFuture.failedFuture(RedisFailures.failure(key, what, failure));
        });
    }

    @Override
    public boolean renew(RenewCommand command) {
        return call(command.key(), "renewed", () -> renewals.renew(command));
    }

    @Override
    public List<RenewCommand> renewAll(Collection<RenewCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<RenewCommand> all = List.copyOf(commands);
        String what = (all.size() == 1) ? "renewed" : "renewed with " + (all.size() - 1) + " other leases";
        return call(all.get(0).key(), what, () -> renewals.renewAll(all));
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        long outcome = call(
                key,
                "released",
                () -> scripts.number(LuaScript.RELEASE, 1, bytes(keys.lock(key)), bytes(owner), bytes(token), channel));
        return releaseOutcome(outcome);
    }

    private static ReleaseOutcome releaseOutcome(long outcome) {
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

    @Override
    public boolean createSemaphore(LockKey key, int size, boolean fair) {
        return semaphores.create(key, size, fair);
    }

    @Override
    public Optional<SemaphoreState> resizeSemaphore(LockKey key, int size) {
        return semaphores.resize(key, size);
    }

    @Override
    public SemaphoreDeletion deleteSemaphore(LockKey key, boolean force) {
        return semaphores.delete(key, force);
    }

    @Override
    public PermitOutcome acquirePermits(PermitCommand command) {
        return permits.acquire(command, false);
    }

    @Override
    public boolean renewPermits(SemaphoreKind kind, RenewCommand command) {
        return semaphores.renew(kind, List.of(command)).isEmpty();
    }

    @Override
    public List<RenewCommand> renewAllPermits(SemaphoreKind kind, Collection<RenewCommand> commands) {
        return commands.isEmpty() ? List.of() : semaphores.renew(kind, List.copyOf(commands));
    }

    @Override
    public ReleaseOutcome releasePermits(SemaphoreKind kind, LockKey key, String owner, long token) {
        return semaphores.release(kind, key, owner, token);
    }

    @Override
    public boolean leaveQueue(SemaphoreKind kind, LockKey key, String owner) {
        return semaphores.leave(kind, key, owner);
    }

    @Override
    public Optional<SemaphoreState> inspectSemaphore(SemaphoreKind kind, LockKey key) {
        return semaphores.inspect(kind, key);
    }

    @Override
    public List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit) {
        return (limit <= 0) ? List.of() : semaphores.list(namespace, limit);
    }

    @Override
    public PermitWatch watchPermits(PermitCommand command) {
        if (!subscription.ensureSubscribed()) {
            return new PollingPermitWatch(this, command, Duration.ofMillis(10), RECHECK);
        }
        return subscription.waiters().watchPermits(keys.semaphore(command.kind(), command.key()), command, permits);
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

    private <T> T call(LockKey key, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException ex) {
            throw RedisFailures.failure(key, what, ex);
        }
    }

    /**
     * Builds a {@link RedisLockStore}: its key prefix and the replication a grant waits for.
     *
     * <p>Not thread-safe; each {@link #build()} makes a new store.
     */
    public static final class Builder {

        private final RedisConnectionFactory factory;

        private String prefix = DEFAULT_PREFIX;

        private int replicasToAck;

        private Duration ackTimeout = ReplicaAcks.NONE.timeout();

        private Builder(RedisConnectionFactory factory) {
            this.factory = factory;
        }

        /**
         * Set the first part of every key.
         *
         * @param prefix letters, digits, {@code . : _ -}
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Return a grant, or count a renewal, only once this many replicas acknowledged it ({@code WAIT}): a
         * failover to one of them then keeps the lock. 0, the default, waits for none.
         *
         * @param replicas how many replicas, 0 or more; the primary needs at least this many connected to grant
         * @return this builder
         */
        public Builder replicasToAck(int replicas) {
            this.replicasToAck = replicas;
            return this;
        }

        /**
         * Set how long a grant or renewal waits for its replicas before it fails (1 s by default); shorter than the
         * connection factory's command timeout.
         *
         * @param timeout whole milliseconds, at most a minute
         * @return this builder
         */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = timeout;
            return this;
        }

        /**
         * Build the store.
         *
         * @return a new store
         * @throws IllegalArgumentException when the prefix, the replica count or the timeout is out of bounds
         */
        public RedisLockStore build() {
            return new RedisLockStore(factory, prefix, new ReplicaAcks(replicasToAck, ackTimeout));
        }
    }

    /**
     * Return the part of this store that keeps mailboxes; the store's {@link MailboxStore} operations are its.
     *
     * @return the mailbox part
     */
    @Override
    public MailboxStore mailboxStore() {
        return mailboxes;
    }
}
