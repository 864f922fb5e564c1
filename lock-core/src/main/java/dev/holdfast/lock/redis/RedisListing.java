package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lists held locks page by page: each call of {@code list.lua} scans one bounded {@code SCAN} page. */
final class RedisListing {

    private RedisListing() {}

    static List<LockState> list(ScriptRunner scripts, RedisKeys keys, @Nullable String namespace, int limit) {
        List<LockState> states = new ArrayList<>();
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
                if (key != null) {
                    states.add(Replies.state(key, page, i + 1));
                }
            }
        } while (!"0".equals(cursor) && states.size() < limit);
        return states;
    }
}
