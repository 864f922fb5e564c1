package dev.holdfast.lock.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs scripts straight on the shared native connection of a {@link LettuceConnectionFactory} (the connection
 * Spring Data Redis itself uses for every non-blocking command), waiting at most the factory's command timeout: a
 * single server's connection, or, on Redis Cluster, Lettuce's cluster connection, which sends each script to the
 * primary of its first key's hash slot and follows redirects. The connection is looked up again whenever it is not
 * open (reconnecting, or reset by the factory).
 */
final class LettuceScriptRunner implements ScriptRunner {

    private final LettuceConnectionFactory factory;

    private final long timeoutNanos;

    private final boolean cluster;

    private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

    LettuceScriptRunner(RedisConnectionFactory factory) {
        this.factory = (LettuceConnectionFactory) factory;
        Duration timeout = this.factory.getClientConfiguration().getCommandTimeout();
        this.timeoutNanos = timeout.toNanos();
        this.cluster = this.factory.isClusterAware();
    }

    /** Return whether Lettuce and Spring Data Redis's Lettuce support are on the class path. */
    static boolean available() {
        try {
            ClassLoader loader = LettuceScriptRunner.class.getClassLoader();
            Class.forName("io.lettuce.core.RedisClient", false, loader);
            Class.forName("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /**
     * Return why a factory's shared native connection cannot run the scripts.
     *
     * @param factory the connections
     * @return the reason, or {@code null} when it can (Lettuce's factory, sharing its native connection)
     */
    static @Nullable String refusal(RedisConnectionFactory factory) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            return "the factory is a " + factory.getClass().getSimpleName() + ", not a LettuceConnectionFactory";
        }
        if (!lettuce.getShareNativeConnection()) {
            return "the LettuceConnectionFactory does not share its native connection (shareNativeConnection=false)";
        }
        return null;
    }

    /**
     * Send {@code WAIT} on a Spring Data Redis connection of Lettuce's, which cannot read an integer reply to a
     * command sent with {@link RedisConnection#execute(String, byte[]...)}.
     *
     * @param connection the connection the script ran on
     * @param acks how many replicas to wait for, and how long
     * @return how many replicas acknowledged, or {@code null} when the connection is not Lettuce's
     */
    static @Nullable Long waitOn(RedisConnection connection, ReplicaAcks acks) {
        if (!(connection instanceof LettuceConnection lettuce)) {
            return null;
        }
        Object acknowledged = lettuce.execute(
                "WAIT",
                new IntegerOutput<>(ByteArrayCodec.INSTANCE),
                LuaScript.bytes(acks.replicas()),
                LuaScript.bytes(acks.timeout().toMillis()));
        return (acknowledged != null) ? Replies.number(acknowledged) : 0L;
    }

    /** Return the factory's command timeout. */
    Duration commandTimeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    @Override
    public List<Object> list(LuaScript script, int keys, byte[]... keysAndArgs) {
        return run(script, ScriptOutputType.MULTI, keys, keysAndArgs);
    }

    @Override
    public long number(LuaScript script, int keys, byte[]... keysAndArgs) {
        Long reply = run(script, ScriptOutputType.INTEGER, keys, keysAndArgs);
        return (reply != null) ? reply : 0L;
    }

    @Override
    public CompletableFuture<Object> runAsync(LuaScript script, boolean array, int keys, byte[]... keysAndArgs) {
        byte[][] keyNames = Arrays.copyOfRange(keysAndArgs, 0, keys);
        byte[][] args = Arrays.copyOfRange(keysAndArgs, keys, keysAndArgs.length);
        ScriptOutputType type = array ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER;
        try {
            RedisClusterAsyncCommands<byte[], byte[]> async = commands();
            return async.<Object>evalsha(script.sha(), type, keyNames, args)
                    .toCompletableFuture()
                    .handle((reply, ex) -> {
                        if (ex == null) {
                            return CompletableFuture.completedFuture(reply);
                        }
                        if (LuaScript.isNoScript(ex)) {
                            return async.<Object>eval(script.body(), type, keyNames, args)
                                    .toCompletableFuture();
                        }
                        return CompletableFuture.failedFuture(ex);
                    })
                    .thenCompose((reply) -> reply)
                    .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code WAIT} is sent right behind the script, before its reply is back, so it costs no round trip of its
     * own. On a cluster both go to the primary of the first key's slot on that node's own connection, since
     * {@code WAIT} counts the writes of the connection it is sent on; a script sent there while the slot is moving
     * fails with {@code MOVED} rather than following it.
     */
    @Override
    public Replicated runReplicated(
            LuaScript script, boolean array, ReplicaAcks acks, int keys, byte[]... keysAndArgs) {
        byte[][] keyNames = Arrays.copyOfRange(keysAndArgs, 0, keys);
        byte[][] args = Arrays.copyOfRange(keysAndArgs, keys, keysAndArgs.length);
        ScriptOutputType type = array ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER;
        RedisClusterAsyncCommands<byte[], byte[]> async = cluster ? primaryOf(keyNames[0]) : commands();
        long waitMillis = acks.timeout().toMillis();
        RedisFuture<Object> reply = async.evalsha(script.sha(), type, keyNames, args);
        RedisFuture<Long> acknowledged = async.waitForReplication(acks.replicas(), waitMillis);
        Object value;
        try {
            value = await(reply, timeoutNanos);
        } catch (RuntimeException ex) {
            if (!LuaScript.isNoScript(ex)) {
                throw ex;
            }
            reply = async.eval(script.body(), type, keyNames, args);
            acknowledged = async.waitForReplication(acks.replicas(), waitMillis);
            value = await(reply, timeoutNanos);
        }
        Long replicas = await(acknowledged, timeoutNanos + acks.timeout().toNanos());
        return new Replicated(value, (replicas != null) ? replicas : 0L);
    }

    @Override
    public void scan(byte[] pattern, int count, Predicate<List<byte[]>> page) {
        // On a cluster, Lettuce's SCAN walks every primary in turn; its cursor names the node it is on.
        RedisClusterAsyncCommands<byte[], byte[]> async = commands();
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(count);
        KeyScanCursor<byte[]> cursor = await(async.scan(args), timeoutNanos);
        while (page.test(cursor.getKeys()) && !cursor.isFinished()) {
            cursor = await(async.scan(cursor, args), timeoutNanos);
        }
    }

    @Override
    public boolean cluster() {
        return cluster;
    }

    @Override
    public String describe() {
        return cluster
                ? "Lettuce's shared native cluster connection, which sends each script to the primary of its lock's"
                        + " hash slot"
                : "Lettuce's shared native connection";
    }

    private <T> T run(LuaScript script, ScriptOutputType type, int keys, byte[]... keysAndArgs) {
        byte[][] keyNames = Arrays.copyOfRange(keysAndArgs, 0, keys);
        byte[][] args = Arrays.copyOfRange(keysAndArgs, keys, keysAndArgs.length);
        RedisClusterAsyncCommands<byte[], byte[]> async = commands();
        try {
            return await(async.evalsha(script.sha(), type, keyNames, args), timeoutNanos);
        } catch (RuntimeException ex) {
            if (!LuaScript.isNoScript(ex)) {
                throw ex;
            }
            return await(async.eval(script.body(), type, keyNames, args), timeoutNanos);
        }
    }

    private RedisClusterAsyncCommands<byte[], byte[]> primaryOf(byte[] key) {
        RedisAdvancedClusterAsyncCommands<byte[], byte[]> clusterCommands =
                (RedisAdvancedClusterAsyncCommands<byte[], byte[]>) commands();
        int slot = SlotHash.getSlot(key);
        RedisClusterNode primary =
                clusterCommands.getStatefulConnection().getPartitions().getMasterBySlot(slot);
        if (primary == null) {
            throw new IllegalStateException(
                    "No primary serves hash slot " + slot + " in Lettuce's view of the cluster");
        }
        return clusterCommands
                .getStatefulConnection()
                .getConnection(primary.getNodeId())
                .async();
    }

    private RedisClusterAsyncCommands<byte[], byte[]> commands() {
        RedisClusterAsyncCommands<byte[], byte[]> current = commands;
        if (current == null || !open(current)) {
            try (RedisConnection connection = factory.getConnection()) {
                @SuppressWarnings("unchecked")
                RedisClusterAsyncCommands<byte[], byte[]> shared =
                        (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                current = shared;
            }
            commands = current;
        }
        return current;
    }

    private static boolean open(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        if (commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> clusterCommands) {
            return clusterCommands.getStatefulConnection().isOpen();
        }
        return ((RedisAsyncCommands<byte[], byte[]>) commands)
                .getStatefulConnection()
                .isOpen();
    }

    private <T> T await(RedisFuture<T> future, long nanos) {
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            future.cancel(true);
            throw new RedisCommandTimeoutException("Command timed out after " + Duration.ofNanos(nanos)
                    + " (the factory's command timeout" + ((nanos > timeoutNanos) ? " and the replica ack timeout" : "")
                    + ")");
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(String.valueOf(cause), cause);
        } catch (InterruptedException ex) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", ex);
        }
    }
}
