package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import java.time.Duration;
import java.util.Locale;

/**
 * One grant the server handed out, as the store knows it: what kind, which lock, the owner the store sees and the
 * fencing token. Sessions keep the holds attached to them; renew and release address the store with them.
 *
 * @param mode what was granted
 * @param key the lock or semaphore
 * @param owner the owner the store sees ({@code <client>/<owner>})
 * @param token the fencing token
 * @param lockDelay how long the hold is kept after its session is lost, so the lost holder's work drains; zero for none
 */
record Hold(Mode mode, LockKey key, String owner, long token, Duration lockDelay) {

    /** What a hold is. */
    enum Mode {
        /** An exclusive lock of the {@code LockStore}. */
        EXCLUSIVE,
        /** A read (shared) hold of a read/write lock. */
        READ,
        /** The write (exclusive) hold of a read/write lock. */
        WRITE,
        /** Permits of a semaphore. */
        PERMITS;

        /**
         * Return the store's kind of semaphore for a permit mode.
         *
         * @return the kind
         */
        SemaphoreKind kind() {
            return (this == PERMITS) ? SemaphoreKind.SEMAPHORE : SemaphoreKind.READ_WRITE;
        }

        /**
         * Return the name the API uses.
         *
         * @return {@code exclusive}, {@code read}, {@code write} or {@code permits}
         */
        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parse the {@code mode} of a lock request.
         *
         * @param lock the lock, for the message
         * @param mode {@code exclusive} (the default when {@code null}), {@code read} or {@code write}
         * @return the mode
         */
        static Mode ofLock(String lock, String mode) {
            return switch (mode) {
                case "exclusive" -> EXCLUSIVE;
                case "read" -> READ;
                case "write" -> WRITE;
                default ->
                    throw ServerProblem.badRequest(
                            "Lock [" + lock + "] mode must be exclusive, read or write, but was [" + mode + "]");
            };
        }
    }
}
