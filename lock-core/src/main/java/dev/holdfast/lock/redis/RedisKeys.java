package dev.holdfast.lock.redis;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Names the Redis keys of a store: {@code <prefix>:lock:{<namespace>:<id>}} for the lock hash (the only key a lock
 * has), {@code <prefix>:sem:{<namespace>:<id>}} with {@code sem-leases}, {@code sem-queue} and {@code sem-claims} for a
 * semaphore, the same with {@code rw} for a read/write lock, and {@code <prefix>:released} for the release channel.
 *
 * <p>The braces are a Redis Cluster hash tag, so every key of one lock, semaphore or read/write lock, and the lock
 * hash of the same key (which their scripts read to refuse a key in use), share one slot. The id is escaped so that it
 * can
 * never end the tag early: {@code %}, <code>{</code> and <code>}</code> become {@code %25}, {@code %7B} and {@code %7D};
 * every other character (colons, quotes, unicode) is kept as it is. The namespace needs no escaping: {@link LockKey}
 * allows only letters, digits, {@code .}, {@code _} and {@code -}.
 */
final class RedisKeys {

    private final String prefix;

    private final String lockPrefix;

    private final String semaphorePrefix;

    private final String readWritePrefix;

    private final byte[] channel;

    RedisKeys(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Redis key prefix must not be blank, but was [" + prefix + "]");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && ".:_-".indexOf(c) < 0) {
                throw new IllegalArgumentException("Redis key prefix [" + prefix + "] may hold only letters, digits, "
                        + "'.', ':', '_' and '-', but has '" + c + "'");
            }
        }
        this.prefix = prefix;
        this.lockPrefix = prefix + ":lock:{";
        this.semaphorePrefix = prefix + ":sem:{";
        this.readWritePrefix = prefix + ":rw:{";
        this.channel = (prefix + ":released").getBytes(StandardCharsets.UTF_8);
    }

    String prefix() {
        return prefix;
    }

    /** Return the name of the hash that holds the lock. */
    String lock(LockKey key) {
        return lockPrefix + tag(key) + "}";
    }

    /**
     * Return the name of the hash of a semaphore or read/write lock, which its waiters are registered under and its
     * release publishes.
     */
    String semaphore(SemaphoreKind kind, LockKey key) {
        return hashPrefix(kind) + tag(key) + "}";
    }

    /**
     * Return the keys of a semaphore or read/write lock, in the order of its scripts: its hash, leases, queue and
     * queue claims.
     */
    byte[][] semaphoreKeys(SemaphoreKind kind, LockKey key) {
        String hash = semaphore(kind, key);
        String name = (kind == SemaphoreKind.SEMAPHORE) ? "sem" : "rw";
        String tag = hash.substring(hash.indexOf('{'));
        return new byte[][] {
            LuaScript.bytes(hash),
            LuaScript.bytes(prefix + ":" + name + "-leases:" + tag),
            LuaScript.bytes(prefix + ":" + name + "-queue:" + tag),
            LuaScript.bytes(prefix + ":" + name + "-claims:" + tag)
        };
    }

    /** Return the SCAN pattern of the hashes of semaphores or read/write locks, of one namespace or of all. */
    String semaphorePattern(SemaphoreKind kind, @Nullable String namespace) {
        return hashPrefix(kind) + ((namespace != null) ? namespace + ":" : "") + "*";
    }

    /**
     * Return the semaphore or read/write lock named by its hash's name, or {@code null} when the name is not one.
     *
     * @param kind which of the two
     * @param name a key name found by {@link #semaphorePattern}
     * @return its key, or {@code null}
     */
    @Nullable
    LockKey parseSemaphore(SemaphoreKind kind, String name) {
        return parse(hashPrefix(kind), name);
    }

    /** Return whether a name published on the release channel is a semaphore's or read/write lock's. */
    boolean wakesAll(String name) {
        return name.startsWith(semaphorePrefix) || name.startsWith(readWritePrefix);
    }

    private String hashPrefix(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? semaphorePrefix : readWritePrefix;
    }

    /** Return the channel that release, expire and preemption publish the lock's key name on. */
    byte[] channel() {
        return channel.clone();
    }

    /** Return the SCAN pattern of the lock hashes, of one namespace or of all. */
    String pattern(@Nullable String namespace) {
        return lockPrefix + ((namespace != null) ? namespace + ":" : "") + "*";
    }

    /**
     * Return the lock named by a lock hash's name, or {@code null} when the name is not one of this store's.
     *
     * @param name a key name found by {@link #pattern}
     * @return the lock key, or {@code null}
     */
    @Nullable
    LockKey parse(String name) {
        return parse(lockPrefix, name);
    }

    private static @Nullable LockKey parse(String hashPrefix, String name) {
        if (!name.startsWith(hashPrefix) || !name.endsWith("}")) {
            return null;
        }
        String tag = name.substring(hashPrefix.length(), name.length() - 1);
        int colon = tag.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new LockKey(tag.substring(0, colon), unescape(tag.substring(colon + 1)));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static String tag(LockKey key) {
        return key.namespace() + ":" + escape(key.id());
    }

    static String escape(String id) {
        if (id.indexOf('%') < 0 && id.indexOf('{') < 0 && id.indexOf('}') < 0) {
            return id;
        }
        StringBuilder escaped = new StringBuilder(id.length() + 8);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '%' -> escaped.append("%25");
                case '{' -> escaped.append("%7B");
                case '}' -> escaped.append("%7D");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String unescape(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
