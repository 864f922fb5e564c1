package dev.holdfast.lock.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Runs the store's scripts: each call is one {@code EVALSHA}, or, when the server answers {@code NOSCRIPT}
 * (restarted, flushed, a failover), one {@code EVAL} of the body, which loads the script again. On Redis Cluster a
 * script goes to the primary of its first key's hash slot. Replies hold integers as {@code Long} and strings as
 * {@code byte[]}. Failures are thrown as they come; the store names the lock. Implementations are thread-safe.
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
     * Run a script, then {@code WAIT} on the same connection, without a round trip in between where the runner can,
     * until {@code acks.replicas()} replicas acknowledged every write made on that connection so far (the script's
     * among them) or {@code acks.timeout()} passed. {@code WAIT} cannot run inside a script, so it follows it.
     *
     * @param script the script
     * @param array whether the reply is an array (else an integer)
     * @param acks how many replicas to wait for, and how long
     * @param keys how many of {@code keysAndArgs} are keys (at least one: the script's connection is its key's)
     * @param keysAndArgs the keys, then the arguments
     * @return the reply and how many replicas acknowledged it
     * @throws UnsupportedOperationException when the runner cannot send {@code WAIT} on the script's connection
     */
    Replicated runReplicated(LuaScript script, boolean array, ReplicaAcks acks, int keys, byte[]... keysAndArgs);

    /**
     * Scan the keys that match a pattern on the server, or on every primary of a cluster, one {@code SCAN} page at a
     * time.
     *
     * @param pattern the {@code MATCH} pattern
     * @param count the {@code COUNT} hint
     * @param page takes each page's keys and answers whether to go on
     */
    void scan(byte[] pattern, int count, Predicate<List<byte[]>> page);

    /**
     * Return whether the connections go to a Redis Cluster, where one script may only touch one hash slot.
     *
     * @return whether it is a cluster
     */
    boolean cluster();

    /**
     * Say which connections run the scripts and why, for the store's startup log.
     *
     * @return a phrase such as "Lettuce's shared native connection"
     */
    String describe();

    /**
     * Choose the runner for a factory: Lettuce's shared native connection when the factory shares one (Spring Data
     * Redis's default, on a single server, behind Sentinel or on a cluster), which saves a connection wrapper and a
     * translation layer per call; Spring Data Redis's connections otherwise (Jedis, a factory that does not share).
     *
     * @param factory the connections
     * @return the runner
     */
    static ScriptRunner of(RedisConnectionFactory factory) {
        if (!LettuceScriptRunner.available()) {
            return new ConnectionScriptRunner(factory, "Lettuce is not on the class path");
        }
        String refusal = LettuceScriptRunner.refusal(factory);
        return (refusal != null) ? new ConnectionScriptRunner(factory, refusal) : new LettuceScriptRunner(factory);
    }

    /**
     * A script's reply and how many replicas acknowledged the writes before it.
     *
     * @param reply the script's reply
     * @param acknowledged the reply of {@code WAIT}
     */
    record Replicated(@Nullable Object reply, long acknowledged) {}
}
