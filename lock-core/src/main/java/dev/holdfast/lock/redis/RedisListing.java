package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Lists held locks page by page. On one server each call of {@code list.lua} scans one bounded {@code SCAN} page and
 * reads its locks. On Redis Cluster the keys live on several primaries and a script may only read keys of the node it
 * runs on, so {@code SCAN} walks every primary and each lock found is read by {@code inspect.lua} on its own node
 * (all of a page at once where the runner sends scripts without waiting). A key that {@code SCAN} reports twice is
 * listed once.
 */
final class RedisListing {

    private RedisListing() {}

    static List<LockState> list(ScriptRunner scripts, RedisKeys keys, @Nullable String namespace, int limit) {
        return scripts.cluster()
                ? listByNode(scripts, keys, namespace, limit)
                : listByScript(scripts, keys, namespace, limit);
    }

    private static List<LockState> listByScript(
            ScriptRunner scripts, RedisKeys keys, @Nullable String namespace, int limit) {
        List<LockState> states = new ArrayList<>();
        Set<LockKey> seen = new HashSet<>();
        byte[] pattern = bytes(keys.pattern(namespace));
        String cursor = "0";
        do {
            List<Object> page = scripts.list(
                    LuaScript.LIST,
                    0,
                    bytes(cursor),
                    pattern,
                    bytes(RedisLockStore.SCAN_COUNT),
                    bytes(limit - states.size()));
            cursor = Replies.text(page.get(0));
            for (int i = 1; i + 5 < page.size() && states.size() < limit; i += 6) {
                LockKey key = keys.parse(Replies.text(page.get(i)));
                if (key != null && seen.add(key)) {
                    states.add(Replies.state(key, page, i + 1));
                }
            }
        } while (!"0".equals(cursor) && states.size() < limit);
        return states;
    }

    private static List<LockState> listByNode(
            ScriptRunner scripts, RedisKeys keys, @Nullable String namespace, int limit) {
        List<LockState> states = new ArrayList<>();
        Set<LockKey> seen = new HashSet<>();
        scripts.scan(bytes(keys.pattern(namespace)), RedisLockStore.SCAN_COUNT, (page) -> {
            List<byte[]> names = new ArrayList<>();
            List<LockKey> found = new ArrayList<>();
            for (byte[] name : page) {
                LockKey key = keys.parse(Replies.text(name));
                if (key != null && seen.add(key)) {
                    names.add(name);
                    found.add(key);
                }
            }
            // Read no more locks than are still wanted, all of them at once where the runner can.
            for (int from = 0; from < found.size() && states.size() < limit; ) {
                int to = Math.min(found.size(), from + limit - states.size());
                List<@Nullable CompletableFuture<Object>> replies = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    replies.add(scripts.runAsync(LuaScript.INSPECT, true, 1, names.get(i)));
                }
                for (int i = from; i < to; i++) {
                    CompletableFuture<Object> reply = replies.get(i - from);
                    List<Object> held =
                            (reply != null) ? join(reply) : scripts.list(LuaScript.INSPECT, 1, names.get(i));
                    if (!held.isEmpty()) {
                        states.add(Replies.state(found.get(i), held, 0));
                    }
                }
                from = to;
            }
            return states.size() < limit;
        });
        return states;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> join(CompletableFuture<Object> reply) {
        try {
            Object value = reply.join();
            return (value != null) ? (List<Object>) value : List.of();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }
}
