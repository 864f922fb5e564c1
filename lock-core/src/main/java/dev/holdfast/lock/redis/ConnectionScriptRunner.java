package dev.holdfast.lock.redis;

import java.util.List;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;

/** Runs scripts on a connection of Spring Data Redis's, opened and closed per call: any driver, any topology. */
final class ConnectionScriptRunner implements ScriptRunner {

    private final RedisConnectionFactory factory;

    private volatile Boolean cluster;

    ConnectionScriptRunner(RedisConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> list(LuaScript script, int keys, byte[]... keysAndArgs) {
        return (List<Object>) run(script, ReturnType.MULTI, keys, keysAndArgs);
    }

    @Override
    public long number(LuaScript script, int keys, byte[]... keysAndArgs) {
        Long reply = (Long) run(script, ReturnType.INTEGER, keys, keysAndArgs);
        return (reply != null) ? reply : 0L;
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

    private Object run(LuaScript script, ReturnType type, int keys, byte[]... keysAndArgs) {
        try (RedisConnection connection = factory.getConnection()) {
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
}
