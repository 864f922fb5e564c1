package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acquire script's calls: the waiter's own (synchronous), the prefetch a {@link RedisWatch} sends from the
 * subscription's thread when the lock is released, and the release of a prefetched grant nobody took.
 */
final class AcquireCalls {

    private static final Logger logger = LoggerFactory.getLogger(AcquireCalls.class);

    private static final byte[] ONE = bytes("1");

    private static final byte[] ZERO = bytes("0");

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final byte[] channel;

    AcquireCalls(ScriptRunner scripts, RedisKeys keys, byte[] channel) {
        this.scripts = scripts;
        this.keys = keys;
        this.channel = channel;
    }

    /**
     * Run the acquire script and wait for its answer.
     *
     * @param lock the lock hash's name
     * @param command the command
     * @param othersWait whether other waiters of this store wait for the lock too (a grant then keeps it marked)
     * @return the answer
     */
    AcquireOutcome acquire(String lock, AcquireCommand command, boolean othersWait) {
        return Replies.acquired(
                command.key(), scripts.list(LuaScript.ACQUIRE, 2, arguments(lock, command, othersWait)));
    }

    /**
     * Send a waiter's acquire without waiting, the moment its lock was released.
     *
     * @param command the waiter's refused command
     * @param othersWait whether other waiters of this store wait for the lock too
     * @return the answer to come, or {@code null} when the scripts only run synchronously
     */
    @SuppressWarnings("unchecked")
    @Nullable
    CompletableFuture<AcquireOutcome> prefetch(AcquireCommand command, boolean othersWait) {
        LockKey key = command.key();
        CompletableFuture<Object> reply =
                scripts.runAsync(LuaScript.ACQUIRE, true, 2, arguments(keys.lock(key), command, othersWait));
        return (reply != null) ? reply.thenApply((list) -> Replies.acquired(key, (List<Object>) list)) : null;
    }

    /**
     * Give back a prefetched grant that its waiter no longer takes; if that fails, the grant expires with its lease.
     *
     * @param command the waiter's command
     * @param granted the grant
     */
    void releaseOrphan(AcquireCommand command, AcquireOutcome.Granted granted) {
        LockKey key = command.key();
        byte[][] arguments = {bytes(keys.lock(key)), bytes(command.owner()), bytes(granted.token()), channel};
        CompletableFuture<Object> reply = scripts.runAsync(LuaScript.RELEASE, false, 1, arguments);
        if (reply != null) {
            reply.whenComplete((released, ex) -> {
                if (ex != null) {
                    logger.warn(
                            "Lock [{}] granted to waiter '{}', who no longer waited, could not be released; it expires"
                                    + " with its lease",
                            key,
                            command.owner(),
                            ex);
                }
            });
        }
    }

    private byte[][] arguments(String lock, AcquireCommand command, boolean othersWait) {
        return new byte[][] {
            bytes(lock),
            bytes(keys.token(command.key())),
            bytes(command.owner()),
            bytes(command.priority()),
            bytes(RedisLockStore.millis(command.lease())),
            bytes(mode(command)),
            channel,
            othersWait ? ONE : ZERO
        };
    }

    private static String mode(AcquireCommand command) {
        return switch (command.mode()) {
            case LOCK -> "L";
            case CREATE -> "C";
            case CLAIM -> "X";
        };
    }
}
