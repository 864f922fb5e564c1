package dev.holdfast.lock.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Runs the store's scripts: each call is one {@code EVALSHA}, or, when the server answers {@code NOSCRIPT}
 * (restarted, flushed, a failover), one {@code EVAL} of the body, which loads the script again. Replies hold
 * integers as {@code Long} and strings as {@code byte[]}. Failures are thrown as they come; the store names the lock.
 */
interface ScriptRunner {

    /**
     * Run a script whose reply is an array.
     *
     * @param script the script
     * @param keys how many of {@code keysAndArgs} are keys
     * @param keysAndArgs the keys, then the arguments
     * @return the reply
     */
    List<Object> list(LuaScript script, int keys, byte[]... keysAndArgs);

    /**
     * Run a script whose reply is an integer.
     *
     * @param script the script
     * @param keys how many of {@code keysAndArgs} are keys
     * @param keysAndArgs the keys, then the arguments
     * @return the reply
     */
    long number(LuaScript script, int keys, byte[]... keysAndArgs);

    /**
     * Run a script without waiting for it, where the runner can (its reply as in {@link #list} or {@link #number}).
     *
     * @param script the script
     * @param array whether the reply is an array (else an integer)
     * @param keys how many of {@code keysAndArgs} are keys
     * @param keysAndArgs the keys, then the arguments
     * @return the reply to come, or {@code null} when this runner only runs scripts synchronously
     */
    default @Nullable CompletableFuture<Object> runAsync(
            LuaScript script, boolean array, int keys, byte[]... keysAndArgs) {
        return null;
    }

    /**
     * Return whether the connections go to a Redis Cluster, where one script may only touch one hash slot.
     *
     * @return whether it is a cluster
     */
    boolean cluster();

    /**
     * Choose the runner for a factory: Lettuce's shared native connection when the factory shares one (Spring Data
     * Redis's default), which saves a connection wrapper and a translation layer per call; Spring Data Redis's
     * connections otherwise (Jedis, a cluster, a factory that does not share).
     *
     * @param factory the connections
     * @return the runner
     */
    static ScriptRunner of(RedisConnectionFactory factory) {
        if (LettuceScriptRunner.available() && LettuceScriptRunner.applies(factory)) {
            return new LettuceScriptRunner(factory);
        }
        return new ConnectionScriptRunner(factory);
    }
}
