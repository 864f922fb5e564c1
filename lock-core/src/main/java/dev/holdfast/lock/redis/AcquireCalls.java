package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.WaiterCalls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acquire script's calls: a caller's own (synchronous), the request a waiter's watch sends from the
 * subscription's thread the moment the lock is released (asynchronous, on Lettuce), and the release of such a grant
 * that its waiter no longer took.
 */
final class AcquireCalls implements WaiterCalls {

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
     * @param command the command
     * @param othersWait whether other waiters of this store wait for the lock too (a grant then keeps it marked)
     * @return the answer
     */
    @Override
    public AcquireOutcome acquire(AcquireCommand command, boolean othersWait) {
        try {
            return Replies.acquired(
                    command.key(),
                    scripts.list(LuaScript.ACQUIRE, 1, arguments(keys.lock(command.key()), command, othersWait)));
        } catch (RuntimeException ex) {
            throw RedisLockStore.failure(command.key(), "acquired", ex);
        }
    }

    /**
     * Send a waiter's acquire without waiting, the moment its lock was released.
     *
     * @param command the waiter's refused command
     * @param othersWait whether other waiters of this store wait for the lock too
     * @return the answer to come, or {@code null} when the scripts only run synchronously
     */
    @Override
    @SuppressWarnings("unchecked")
    public @Nullable CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, boolean othersWait) {
        LockKey key = command.key();
        CompletableFuture<Object> reply =
                scripts.runAsync(LuaScript.ACQUIRE, true, 1, arguments(keys.lock(key), command, othersWait));
        return (reply != null) ? reply.thenApply((list) -> Replies.acquired(key, (List<Object>) list)) : null;
    }

    /**
     * Give back a prefetched grant that its waiter no longer takes; if that fails, the grant expires with its lease.
     *
     * @param command the waiter's command
     * @param granted the grant
     */
    @Override
    public void releaseUnclaimed(AcquireCommand command, AcquireOutcome.Granted granted) {
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
            bytes(command.owner()),
            bytes(command.priority()),
            bytes(LockStore.leaseMillis(command.lease())),
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
