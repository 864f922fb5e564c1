package dev.holdfast.lock.redis;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.spi.MailboxStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Names the Redis keys of a store: {@code <prefix>:lock:{<namespace>:<id>}} for the lock hash (the only key a lock
 * has), {@code <prefix>:sem:{<namespace>:<id>}} with {@code sem-leases}, {@code sem-queue} and {@code sem-claims} for a
 * semaphore, the same with {@code rw} for a read/write lock, {@code <prefix>:mbox-queue:{mailbox.<type>:<id>}} with
 * {@code mbox-frames}, {@code mbox-dead-order}, {@code mbox-dead} and {@code mbox-result:{…}:<call id>} for a mailbox
 * (the tag of its lock), {@code <prefix>:mbox-call:{<call id>}} pointing a call id at its mailbox, and
 * {@code <prefix>:released} for the release channel.
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

    private final String mailboxPrefix;

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
        this.mailboxPrefix = prefix + ":mbox:{";
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

    /**
     * Return whether a name published on the release channel is a semaphore's, a read/write lock's or a mailbox's
     * (every waiter of which looks again).
     */
    boolean wakesAll(String name) {
        return name.startsWith(semaphorePrefix) || name.startsWith(readWritePrefix) || name.startsWith(mailboxPrefix);
    }

    /**
     * Return the name a mailbox's watches wait under and its results are published as: {@code <prefix>:mbox:{tag}}
     * with the tag of the mailbox lock ({@link dev.holdfast.lock.spi.MailboxStore#lockKey}), so in its slot.
     */
    String mailbox(LockKey mailbox) {
        return mailboxPrefix + tag(MailboxStore.lockKey(mailbox)) + "}";
    }

    /**
     * A written result as published on the release channel: the name its mailbox's watches wait under and its call.
     *
     * @param mailbox the mailbox's name ({@link #mailbox})
     * @param callId the call whose result was written
     */
    record MailboxResult(String mailbox, String callId) {}

    /**
     * Return what a written result publishes on the release channel, {@code <prefix>:mbox-done:<length>:<call
     * id><mailbox's name>}, which wakes only the watch of that call.
     */
    String mailboxResultMessage(LockKey mailbox, String callId) {
        return prefix + ":mbox-done:" + callId.length() + ":" + callId + mailbox(mailbox);
    }

    /** Read a message of {@link #mailboxResultMessage}, or return {@code null} for any other. */
    @Nullable
    MailboxResult parseMailboxResult(String message) {
        String start = prefix + ":mbox-done:";
        if (!message.startsWith(start)) {
            return null;
        }
        int colon = message.indexOf(':', start.length());
        try {
            int length = Integer.parseInt(message.substring(start.length(), colon));
            int end = colon + 1 + length;
            if (colon < 0 || end > message.length()) {
                return null;
            }
            return new MailboxResult(message.substring(end), message.substring(colon + 1, end));
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /**
     * Return the mailbox whose watches a lock's release also wakes: the mailbox's name when the lock hash is a
     * mailbox lock's, else {@code null}.
     */
    @Nullable
    String mailboxOfLock(String lockName) {
        return lockName.startsWith(lockPrefix + "mailbox.")
                ? mailboxPrefix + lockName.substring(lockPrefix.length())
                : null;
    }

    /**
     * Return the keys of a mailbox, in the order of its scripts: the mailbox lock's hash, its queue, frames, dead
     * letters' order and dead letters, all with the mailbox lock's hash tag.
     */
    byte[][] mailboxKeys(LockKey mailbox) {
        String tag = "{" + tag(MailboxStore.lockKey(mailbox)) + "}";
        return new byte[][] {
            LuaScript.bytes(lockPrefix + tag.substring(1)),
            LuaScript.bytes(prefix + ":mbox-queue:" + tag),
            LuaScript.bytes(prefix + ":mbox-frames:" + tag),
            LuaScript.bytes(prefix + ":mbox-dead-order:" + tag),
            LuaScript.bytes(prefix + ":mbox-dead:" + tag)
        };
    }

    /** Return the key of a call's result: in its mailbox's slot, so written in one step with the frame's removal. */
    String mailboxResult(String mailboxTag, String callId) {
        return prefix + ":mbox-result:" + mailboxTag + ":" + callId;
    }

    /** Return the hash tag (braces included) of a mailbox's keys. */
    String mailboxTag(LockKey mailbox) {
        return "{" + tag(MailboxStore.lockKey(mailbox)) + "}";
    }

    /** Return the key that points a call id at its mailbox's tag (in the call id's own slot). */
    String mailboxCall(String callId) {
        return prefix + ":mbox-call:{" + escape(callId) + "}";
    }

    /** Return the SCAN pattern of the queues of one mailbox type. */
    String mailboxQueuePattern(String type) {
        return prefix + ":mbox-queue:{mailbox." + type + ":*";
    }

    /** Return the SCAN pattern of the dead letters' order lists of one mailbox type. */
    String mailboxDeadPattern(String type) {
        return prefix + ":mbox-dead-order:{mailbox." + type + ":*";
    }

    /** Return the mailbox whose queue a name found by {@link #mailboxQueuePattern} is, or {@code null}. */
    @Nullable
    LockKey parseMailboxQueue(String name) {
        return parseMailbox(prefix + ":mbox-queue:{", name);
    }

    /** Return the mailbox whose dead letters' order a name found by {@link #mailboxDeadPattern} is, or {@code null}. */
    @Nullable
    LockKey parseMailboxDead(String name) {
        return parseMailbox(prefix + ":mbox-dead-order:{", name);
    }

    private @Nullable LockKey parseMailbox(String keyPrefix, String name) {
        LockKey lock = parse(keyPrefix, name);
        if (lock == null || !lock.namespace().startsWith("mailbox.")) {
            return null;
        }
        try {
            return new LockKey(lock.namespace().substring("mailbox.".length()), lock.id());
        } catch (IllegalArgumentException ex) {
            return null;
        }
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
