package dev.holdfast.lock.redis;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.spi.AcquireOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads the scripts' replies: integers arrive as {@code Long}, strings as {@code byte[]}. */
final class Replies {

    private Replies() {}

    /** Read the reply of {@code acquire.lua}. */
    static AcquireOutcome acquired(LockKey key, List<Object> reply) {
        long status = number(reply.get(0));
        if (status == 0) {
            return new AcquireOutcome.Refused(state(key, reply, 1));
        }
        long token = number(reply.get(1));
        int holds = (int) number(reply.get(2));
        LockState displaced = (status == 2) ? state(key, reply, 3) : null;
        return new AcquireOutcome.Granted(token, holds, displaced);
    }

    /**
     * Read a holder laid out as owner, priority, token, holds, remaining ms from {@code offset}.
     *
     * @param key the lock
     * @param reply the reply
     * @param offset where the owner is
     * @return the holder
     */
    static LockState state(LockKey key, List<Object> reply, int offset) {
        return new LockState(
                key,
                text(reply.get(offset)),
                (int) number(reply.get(offset + 1)),
                number(reply.get(offset + 2)),
                (int) number(reply.get(offset + 3)),
                Duration.ofMillis(Math.max(0, number(reply.get(offset + 4)))));
    }

    /** Read an array reply ({@code null} or anything else reads as empty). */
    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object value) {
        return (value instanceof List<?> list) ? (List<Object>) list : List.of();
    }

    static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(text(value));
    }
}
