package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import org.jspecify.annotations.Nullable;

/**
 * The payload of the store's PostgreSQL notifications, which names the released lock as
 * {@code length(namespace) ':' namespace id} (what {@code lock-store-postgresql.sql} sends), and the name of a lock
 * in the waiter registry; a semaphore's or read/write lock's payload and name is the same behind an {@code s} (what
 * {@code semaphore-postgresql.sql} sends). The callers waiting on a mailbox wait under the name of its lock behind an
 * {@code m}, which is also the payload {@code mailbox-postgresql.sql} sends when a result of the mailbox is written.
 */
final class NotificationPayload {

    private static final String SEMAPHORE = "s";

    private static final String MAILBOX = "m";

    private NotificationPayload() {}

    /** Return the lock's payload: its name in notifications. */
    static String of(LockKey key) {
        return key.namespace().length() + ":" + key.namespace() + key.id();
    }

    /** Return a semaphore's or read/write lock's payload: its name in notifications. */
    static String ofSemaphore(LockKey key) {
        return SEMAPHORE + of(key);
    }

    /** Return the name under which the callers of a mailbox wait, and the payload of its written results. */
    static String ofMailbox(LockKey mailboxLock) {
        return MAILBOX + of(mailboxLock);
    }

    /**
     * Return whether a payload tells of a mailbox's written result (it names the mailbox's lock).
     *
     * @param payload the payload
     * @return {@code true} for a mailbox's payload
     */
    static boolean isMailbox(String payload) {
        return payload.startsWith(MAILBOX);
    }

    /**
     * Return whether a payload names a semaphore or a read/write lock (else it names a plain lock).
     *
     * @param payload the payload
     * @return {@code true} for a semaphore's payload
     */
    static boolean isSemaphore(String payload) {
        return payload.startsWith(SEMAPHORE);
    }

    /**
     * Read a notification's payload, a plain lock's or (behind its {@code s}) a semaphore's or (behind its {@code m})
     * a mailbox lock's.
     *
     * @param payload the payload
     * @return the key, or {@code null} when the payload is not one of the store's
     */
    static @Nullable LockKey parse(String payload) {
        if (isSemaphore(payload) || isMailbox(payload)) {
            return parse(payload.substring(1));
        }
        int colon = payload.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int length = Integer.parseInt(payload.substring(0, colon));
            int end = colon + 1 + length;
            if (end > payload.length()) {
                return null;
            }
            // LENGTH counts characters, substring UTF-16 units: walk code points for names outside the BMP.
            int namespaceEnd = payload.offsetByCodePoints(colon + 1, length);
            return new LockKey(payload.substring(colon + 1, namespaceEnd), payload.substring(namespaceEnd));
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
