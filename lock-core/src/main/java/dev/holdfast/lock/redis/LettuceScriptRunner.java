package dev.holdfast.lock.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs scripts straight on the shared native connection of a {@link LettuceConnectionFactory} (the connection
 * Spring Data Redis itself uses for every non-blocking command), waiting at most the factory's command timeout.
 * The connection is looked up again whenever it is not open (reconnecting, or reset by the factory).
 */
final class LettuceScriptRunner implements ScriptRunner {

    private final LettuceConnectionFactory factory;

    private final long timeoutNanos;

    private volatile @Nullable RedisAsyncCommands<byte[], byte[]> commands;

    LettuceScriptRunner(RedisConnectionFactory factory) {
        this.factory = (LettuceConnectionFactory) factory;
        Duration timeout = this.factory.getClientConfiguration().getCommandTimeout();
        this.timeoutNanos = timeout.toNanos();
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

    /** Return whether the factory is Lettuce's, sharing one native connection, and not a cluster. */
    static boolean applies(RedisConnectionFactory factory) {
        return factory instanceof LettuceConnectionFactory lettuce
                && lettuce.getShareNativeConnection()
                && !lettuce.isClusterAware();
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
            RedisAsyncCommands<byte[], byte[]> async = commands();
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

    @Override
    public boolean cluster() {
        return false;
    }

    private <T> T run(LuaScript script, ScriptOutputType type, int keys, byte[]... keysAndArgs) {
        byte[][] keyNames = Arrays.copyOfRange(keysAndArgs, 0, keys);
        byte[][] args = Arrays.copyOfRange(keysAndArgs, keys, keysAndArgs.length);
        RedisAsyncCommands<byte[], byte[]> async = commands();
        try {
            return await(async.evalsha(script.sha(), type, keyNames, args));
        } catch (RuntimeException ex) {
            if (!LuaScript.isNoScript(ex)) {
                throw ex;
            }
            return await(async.eval(script.body(), type, keyNames, args));
        }
    }

    private RedisAsyncCommands<byte[], byte[]> commands() {
        RedisAsyncCommands<byte[], byte[]> current = commands;
        if (current == null || !current.getStatefulConnection().isOpen()) {
            try (RedisConnection connection = factory.getConnection()) {
                @SuppressWarnings("unchecked")
                RedisAsyncCommands<byte[], byte[]> shared =
                        (RedisAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                current = shared;
            }
            commands = current;
        }
        return current;
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            future.cancel(true);
            throw new RedisCommandTimeoutException(
                    "Command timed out after " + Duration.ofNanos(timeoutNanos) + " (the factory's command timeout)");
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
