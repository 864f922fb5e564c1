package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/** Runs scripts on a connection of Spring Data Redis's, opened and closed per call: any driver, any topology. */
final class ConnectionScriptRunner implements ScriptRunner {

    private final RedisConnectionFactory factory;

    private final String reason;

    private volatile Boolean cluster;

    /**
     * Create a runner.
     *
     * @param factory the connections
     * @param reason why the store runs its scripts here, for the startup log
     */
    ConnectionScriptRunner(RedisConnectionFactory factory, String reason) {
        this.factory = factory;
        this.reason = reason;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> list(LuaScript script, int keys, byte[]... keysAndArgs) {
        try (RedisConnection connection = factory.getConnection()) {
            return (List<Object>) run(connection, script, ReturnType.MULTI, keys, keysAndArgs);
        }
    }

    @Override
    public long number(LuaScript script, int keys, byte[]... keysAndArgs) {
        try (RedisConnection connection = factory.getConnection()) {
            Long reply = (Long) run(connection, script, ReturnType.INTEGER, keys, keysAndArgs);
            return (reply != null) ? reply : 0L;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code WAIT} follows the script's reply on the same connection (a round trip of its own). Spring Data
     * Redis's cluster connections cannot send {@code WAIT} to the node a script ran on, so a cluster refuses.
     */
    @Override
    public Replicated runReplicated(
            LuaScript script, boolean array, ReplicaAcks acks, int keys, byte[]... keysAndArgs) {
        try (RedisConnection connection = factory.getConnection()) {
            if (connection instanceof RedisClusterConnection) {
                throw new UnsupportedOperationException("Waiting for replicas on Redis Cluster needs a"
                        + " LettuceConnectionFactory that shares its native connection; Spring Data Redis's cluster"
                        + " connections cannot send WAIT to the node that ran the script");
            }
            Object reply = run(connection, script, array ? ReturnType.MULTI : ReturnType.INTEGER, keys, keysAndArgs);
            Long acknowledged = LettuceScriptRunner.available() ? LettuceScriptRunner.waitOn(connection, acks) : null;
            if (acknowledged == null) {
                Object answer = connection.execute(
                        "WAIT", bytes(acks.replicas()), bytes(acks.timeout().toMillis()));
                acknowledged = (answer != null) ? Replies.number(answer) : 0L;
            }
            return new Replicated(reply, acknowledged);
        }
    }

    @Override
    public void scan(byte[] pattern, int count, Predicate<List<byte[]>> page) {
        ScanOptions options =
                ScanOptions.scanOptions().match(pattern).count(count).build();
        try (RedisConnection connection = factory.getConnection()) {
            if (!(connection instanceof RedisClusterConnection clusterConnection)) {
                scan(connection.keyCommands().scan(options), count, page);
                return;
            }
            for (RedisClusterNode node : clusterConnection.clusterGetNodes()) {
                if (node.isMaster() && !scan(clusterConnection.scan(node, options), count, page)) {
                    return;
                }
            }
        }
    }

    @Override
    public boolean cluster() {
        Boolean known = cluster;
        if (known == null) {
            try (RedisConnection connection = factory.getConnection()) {
                known = connection instanceof RedisClusterConnection;
            }
            cluster = known;
        }
        return known;
    }

    @Override
    public String describe() {
        return "Spring Data Redis connections, one per call, because " + reason;
    }

    /** Hand the cursor's keys on in pages of {@code count}; return whether the consumer wants more. */
    private static boolean scan(Cursor<byte[]> cursor, int count, Predicate<List<byte[]>> page) {
        try (cursor) {
            List<byte[]> keys = new ArrayList<>(count);
            while (cursor.hasNext()) {
                keys.add(cursor.next());
                if (keys.size() == count) {
                    if (!page.test(keys)) {
                        return false;
                    }
                    keys = new ArrayList<>(count);
                }
            }
            return keys.isEmpty() || page.test(keys);
        }
    }

    private static Object run(
            RedisConnection connection, LuaScript script, ReturnType type, int keys, byte[]... keysAndArgs) {
        RedisScriptingCommands scripting = connection.scriptingCommands();
        try {
            return scripting.evalSha(script.sha(), type, keys, keysAndArgs);
        } catch (RuntimeException ex) {
            if (!LuaScript.isNoScript(ex)) {
                throw ex;
            }
            return scripting.eval(script.body(), type, keys, keysAndArgs);
        }
    }
}
