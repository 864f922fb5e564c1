package dev.holdfast.lock.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;

/**
 * One Lua script of the store, read once from its resource file, and run by SHA ({@code EVALSHA}); when the server
 * answers {@code NOSCRIPT} (restarted, flushed, a failover) it is run by body ({@code EVAL}), which loads it again.
 *
 * @param name the resource file's name, for messages
 * @param body the script's text
 * @param sha its SHA-1 in hex, as Redis names it
 */
record LuaScript(String name, byte[] body, String sha) {

    static final LuaScript ACQUIRE = load("acquire.lua");

    static final LuaScript RENEW = load("renew.lua");

    static final LuaScript RENEW_ALL = load("renew-all.lua");

    static final LuaScript RELEASE = load("release.lua");

    static final LuaScript EXPIRE = load("expire.lua");

    static final LuaScript INSPECT = load("inspect.lua");

    static final LuaScript LIST = load("list.lua");

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script [" + name + "] is missing from the class path");
            }
            byte[] body = in.readAllBytes();
            String sha =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
            return new LuaScript(name, body, sha);
        } catch (IOException ex) {
            throw new UncheckedIOException("Lua script [" + name + "] could not be read", ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is not available to name Lua script [" + name + "]", ex);
        }
    }

    /**
     * Run the script: one {@code EVALSHA}, or, after {@code NOSCRIPT}, one {@code EVAL}.
     *
     * @param connection the connection to run it on
     * @param type the reply's type
     * @param keys how many of {@code keysAndArgs} are keys
     * @param keysAndArgs the keys, then the arguments
     * @param <T> the reply's Java type ({@code Long} or {@code List<Object>})
     * @return the reply
     */
    <T> T run(RedisConnection connection, ReturnType type, int keys, byte[]... keysAndArgs) {
        RedisScriptingCommands scripting = connection.scriptingCommands();
        try {
            return scripting.evalSha(sha, type, keys, keysAndArgs);
        } catch (RuntimeException ex) {
            if (!isNoScript(ex)) {
                throw ex;
            }
            return scripting.eval(body, type, keys, keysAndArgs);
        }
    }

    @SuppressWarnings("unchecked")
    List<Object> list(RedisConnection connection, int keys, byte[]... keysAndArgs) {
        return (List<Object>) run(connection, ReturnType.MULTI, keys, keysAndArgs);
    }

    long number(RedisConnection connection, int keys, byte[]... keysAndArgs) {
        Long reply = run(connection, ReturnType.INTEGER, keys, keysAndArgs);
        return (reply != null) ? reply : 0L;
    }

    static boolean isNoScript(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("NOSCRIPT")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
