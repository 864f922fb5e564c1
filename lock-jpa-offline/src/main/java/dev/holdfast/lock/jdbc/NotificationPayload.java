package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockKey;
import org.jspecify.annotations.Nullable;

/**
 * The payload of the store's PostgreSQL notifications, which names the released lock as
 * {@code length(namespace) ':' namespace id} (what {@code lock-store-postgresql.sql} sends), and the name of a lock
 * in the waiter registry; a semaphore's or read/write lock's payload and name is the same behind an {@code s} (what
 * {@code semaphore-postgresql.sql} sends). The callers waiting on a mailbox wait under the name of its lock behind an
 * {@code m}; a result written in a mailbox sends {@code r length(call id) ':' call id} before the mailbox's name,
 * which wakes only the caller of that call.
 */
final class NotificationPayload {

    private static final String SEMAPHORE = "s";

    private static final String MAILBOX = "m";

    private static final String RESULT = "r";

    /**
     * A written result as notified: the name its mailbox's callers wait under and its call.
     *
     * @param mailbox the mailbox's name ({@link #ofMailbox})
     * @param callId the call whose result was written
     */
    record Result(String mailbox, String callId) {}

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

    /** Return the payload of a result written in a mailbox, which names the call and the mailbox's lock. */
    static String ofResult(LockKey mailboxLock, String callId) {
        return RESULT + callId.length() + ":" + callId + ofMailbox(mailboxLock);
    }

    /**
     * Read the payload of a written result ({@link #ofResult}).
     *
     * @param payload the payload
     * @return the mailbox's name and the call, or {@code null} when the payload is not a result's
     */
    static @Nullable Result parseResult(String payload) {
        if (!payload.startsWith(RESULT)) {
            return null;
        }
        int colon = payload.indexOf(':');
        try {
            int length = Integer.parseInt(payload.substring(RESULT.length(), colon));
            int end = colon + 1 + length;
            String mailbox = payload.substring(end);
            if (!isMailbox(mailbox) || parse(mailbox) == null) {
                return null;
            }
            return new Result(mailbox, payload.substring(colon + 1, end));
        } catch (RuntimeException ex) {
            return null;
        }
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
