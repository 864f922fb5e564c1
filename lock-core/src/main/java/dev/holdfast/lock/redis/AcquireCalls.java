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
 * that its waiter no longer took. When grants must reach replicas, every acquire is synchronous and a grant they did
 * not acknowledge is given back and fails.
 */
final class AcquireCalls implements WaiterCalls {

    private static final Logger logger = LoggerFactory.getLogger(AcquireCalls.class);

    private static final byte[] ONE = bytes("1");

    private static final byte[] ZERO = bytes("0");

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final byte[] channel;

    private final ReplicaAcks acks;

    AcquireCalls(ScriptRunner scripts, RedisKeys keys, byte[] channel, ReplicaAcks acks) {
        this.scripts = scripts;
        this.keys = keys;
        this.channel = channel;
        this.acks = acks;
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
        LockKey key = command.key();
        byte[][] arguments = arguments(keys.lock(key), command, othersWait);
        try {
            if (!acks.required()) {
                return Replies.acquired(key, scripts.list(LuaScript.ACQUIRE, 1, arguments));
            }
            ScriptRunner.Replicated replicated = scripts.runReplicated(LuaScript.ACQUIRE, true, acks, 1, arguments);
            AcquireOutcome outcome = Replies.acquired(key, Replies.list(replicated.reply()));
            if (outcome instanceof AcquireOutcome.Granted granted && replicated.acknowledged() < acks.replicas()) {
                throw RedisFailures.unreplicated(
                        key,
                        "granted to '" + command.owner() + "' (token " + granted.token() + ")",
                        replicated.acknowledged(),
                        acks,
                        giveBack(command, granted));
            }
            return outcome;
        } catch (RuntimeException ex) {
            throw RedisFailures.failure(key, "acquired", ex);
        }
    }

    /**
     * Send a waiter's acquire without waiting, the moment its lock was released.
     *
     * @param command the waiter's refused command
     * @param othersWait whether other waiters of this store wait for the lock too
     * @return the answer to come, or {@code null} when the scripts only run synchronously or grants wait for replicas
     */
    @Override
    @SuppressWarnings("unchecked")
    public @Nullable CompletableFuture<AcquireOutcome> acquireAsync(AcquireCommand command, boolean othersWait) {
        if (acks.required()) {
            return null;
        }
        LockKey key = command.key();
        CompletableFuture<Object> reply =
                scripts.runAsync(LuaScript.ACQUIRE, true, 1, arguments(keys.lock(key), command, othersWait));
        return (reply != null) ? reply.thenApply((list) -> Replies.acquired(key, (List<Object>) list)) : null;
    }

    /**
     * Send a release without waiting for its answer (the script's reply: 2 released, 1 one hold less, 0 not held).
     *
     * @param key the lock
     * @param owner the holder
     * @param token the holder's token
     * @return the reply to come, or {@code null} when the scripts only run synchronously
     */
    @Nullable
    CompletableFuture<Long> releaseAsync(LockKey key, String owner, long token) {
        byte[][] arguments = {bytes(keys.lock(key)), bytes(owner), bytes(token), channel};
        CompletableFuture<Object> reply = scripts.runAsync(LuaScript.RELEASE, false, 1, arguments);
        return (reply != null) ? reply.thenApply((number) -> (Long) number) : null;
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

    /** Release one hold of a grant the replicas did not acknowledge; say what became of it. */
    private String giveBack(AcquireCommand command, AcquireOutcome.Granted granted) {
        LockKey key = command.key();
        try {
            scripts.number(
                    LuaScript.RELEASE,
                    1,
                    bytes(keys.lock(key)),
                    bytes(command.owner()),
                    bytes(granted.token()),
                    channel);
            return "the grant was given back";
        } catch (RuntimeException ex) {
            logger.warn(
                    "Lock [{}] granted to '{}' without the replicas' acknowledgement could not be given back",
                    key,
                    command.owner(),
                    ex);
            return "it could not be given back (" + ex.getMessage() + ") and expires with its lease";
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
