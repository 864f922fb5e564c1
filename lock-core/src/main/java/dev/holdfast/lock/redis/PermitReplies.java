package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.Replies.number;
import static dev.holdfast.lock.redis.Replies.text;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitOutcome.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the replies of the semaphore scripts: a state is size, fair, queued, then its holders; a holder is owner,
 * priority, token, permits, exclusive (0 or 1), remaining ms.
 */
final class PermitReplies {

    private static final int HOLDER = 6;

    private PermitReplies() {}

    /** Return what the key names in messages: "Semaphore" or "Read/write lock". */
    static String subject(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? "Semaphore" : "Read/write lock";
    }

    /** Read the reply of {@code permits-acquire.lua}. */
    static PermitOutcome acquired(PermitCommand command, List<Object> reply) {
        LockKey key = command.key();
        SemaphoreKind kind = command.kind();
        int status = (int) number(reply.get(0));
        return switch (status) {
            case 1 -> new PermitOutcome.Granted(number(reply.get(1)), holders(reply, 2));
            case 0 -> new PermitOutcome.Refused(state(key, kind, reply, 1));
            case 2 -> new PermitOutcome.Missing();
            default -> rejected(command, text(reply.get(1)), reply);
        };
    }

    /**
     * Read a state from {@code offset} to the end of a reply.
     *
     * @param key the semaphore
     * @param kind a semaphore or a read/write lock
     * @param reply the reply
     * @param offset where the size is
     * @return the state, holders oldest first
     */
    static SemaphoreState state(LockKey key, SemaphoreKind kind, List<Object> reply, int offset) {
        int size = (kind == SemaphoreKind.SEMAPHORE) ? (int) number(reply.get(offset)) : Integer.MAX_VALUE;
        boolean fair = number(reply.get(offset + 1)) == 1;
        int queued = (int) number(reply.get(offset + 2));
        List<PermitHolder> holders = new ArrayList<>(holders(reply, offset + 3));
        holders.sort(Comparator.comparingLong(PermitHolder::token));
        return new SemaphoreState(key, kind, size, fair, holders, queued);
    }

    /** Say why a plain lock or the other kind keeps a key from being a semaphore (or read/write lock). */
    static String inUse(SemaphoreKind kind, LockKey key, boolean plainLock) {
        if (plainLock) {
            return "Key [" + key + "] is held as a plain lock, so it cannot be a " + describe(kind);
        }
        SemaphoreKind other = (kind == SemaphoreKind.SEMAPHORE) ? SemaphoreKind.READ_WRITE : SemaphoreKind.SEMAPHORE;
        return "Key [" + key + "] is a " + describe(other) + ", so it cannot be a " + describe(kind);
    }

    private static PermitOutcome rejected(PermitCommand command, String cause, List<Object> reply) {
        LockKey key = command.key();
        SemaphoreKind kind = command.kind();
        return switch (cause) {
            case "L", "K" -> new Rejected(Rejected.Cause.KEY_IN_USE, inUse(kind, key, "L".equals(cause)), null);
            case "P" -> {
                SemaphoreState state = state(key, kind, reply, 2);
                yield new Rejected(
                        Rejected.Cause.TOO_MANY_PERMITS,
                        "Semaphore [" + key + "] has " + state.size() + " permits, fewer than the " + command.permits()
                                + " asked for",
                        state);
            }
            case "U" ->
                new Rejected(
                        Rejected.Cause.UPGRADE,
                        "Read/write lock [" + key + "]: '" + command.owner() + "' holds a read lock and cannot take the"
                                + " write lock while other readers hold it (release the read lock first)",
                        state(key, kind, reply, 2));
            default ->
                throw new IllegalStateException(
                        subject(kind) + " [" + key + "]: the acquire script answered an unknown cause [" + cause + "]");
        };
    }

    private static List<PermitHolder> holders(List<Object> reply, int offset) {
        List<PermitHolder> holders = new ArrayList<>();
        for (int i = offset; i + HOLDER <= reply.size(); i += HOLDER) {
            holders.add(new PermitHolder(
                    text(reply.get(i)),
                    (int) number(reply.get(i + 1)),
                    number(reply.get(i + 2)),
                    (int) number(reply.get(i + 3)),
                    number(reply.get(i + 4)) == 1,
                    Duration.ofMillis(Math.max(0, number(reply.get(i + 5))))));
        }
        return holders;
    }

    private static String describe(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? "semaphore" : "read/write lock";
    }
}
