package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWaiterCalls;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of {@code permits-acquire.lua}, {@code permits-release.lua} and {@code permits-leave.lua} for permits: a
 * caller's own acquire, the request a waiter's watch sends without waiting (on Lettuce), the release of a grant nobody
 * takes, and a refused waiter's leaving the queue (also for a request sent for a waiter that no longer waits). When grants
 * must reach replicas, every acquire is synchronous and a grant they did not acknowledge is given back and fails, as
 * {@link AcquireCalls} does for locks.
 */
final class PermitCalls implements PermitWaiterCalls {

    private static final Logger logger = LoggerFactory.getLogger(PermitCalls.class);

    private static final byte[] CLAIM = bytes(SemaphoreStore.QUEUE_CLAIM.toMillis());

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final byte[] channel;

    private final ReplicaAcks acks;

    PermitCalls(ScriptRunner scripts, RedisKeys keys, byte[] channel, ReplicaAcks acks) {
        this.scripts = scripts;
        this.keys = keys;
        this.channel = channel;
        this.acks = acks;
    }

    @Override
    public PermitOutcome acquire(PermitCommand command, boolean othersWait) {
        byte[][] arguments = arguments(command);
        try {
            if (!acks.required()) {
                return PermitReplies.acquired(command, scripts.list(LuaScript.PERMITS_ACQUIRE, 6, arguments));
            }
            ScriptRunner.Replicated replicated =
                    scripts.runReplicated(LuaScript.PERMITS_ACQUIRE, true, acks, 6, arguments);
            PermitOutcome outcome = PermitReplies.acquired(command, Replies.list(replicated.reply()));
            if (outcome instanceof PermitOutcome.Granted granted && replicated.acknowledged() < acks.replicas()) {
                throw RedisFailures.unreplicated(
                        PermitReplies.subject(command.kind()),
                        command.key(),
                        "granted to '" + command.owner() + "' (token " + granted.token() + ")",
                        replicated.acknowledged(),
                        acks,
                        giveBack(command, granted));
            }
            return outcome;
        } catch (RuntimeException ex) {
            throw RedisFailures.failure(PermitReplies.subject(command.kind()), command.key(), "acquired", ex);
        }
    }

    /**
     * Send a waiter's acquire without waiting.
     *
     * @param command the waiter's refused command
     * @param othersWait not needed: a refusal marks the semaphore as waited for, for every client, for a claim's time
     * @return the answer to come, or {@code null} when the scripts only run synchronously or grants wait for replicas
     */
    @Override
    @SuppressWarnings("unchecked")
    public @Nullable CompletableFuture<PermitOutcome> acquireAsync(PermitCommand command, boolean othersWait) {
        if (acks.required()) {
            return null;
        }
        CompletableFuture<Object> reply = scripts.runAsync(LuaScript.PERMITS_ACQUIRE, true, 6, arguments(command));
        return (reply != null) ? reply.thenApply((list) -> PermitReplies.acquired(command, (List<Object>) list)) : null;
    }

    @Override
    public void releaseUnclaimed(PermitCommand command, PermitOutcome.Granted granted) {
        CompletableFuture<Object> reply = scripts.runAsync(
                LuaScript.PERMITS_RELEASE,
                false,
                4,
                releaseArguments(command.kind(), command.key(), command.owner(), granted.token()));
        if (reply != null) {
            reply.whenComplete((released, ex) -> {
                if (ex != null) {
                    logger.warn(
                            "{} [{}] granted to waiter '{}', who no longer waited, could not be released; it expires"
                                    + " with its lease",
                            PermitReplies.subject(command.kind()),
                            command.key(),
                            command.owner(),
                            ex);
                }
            });
        }
    }

    @Override
    public void leaveUnclaimed(PermitCommand command) {
        CompletableFuture<Object> reply = scripts.runAsync(
                LuaScript.PERMITS_LEAVE, false, 4, leaveArguments(command.kind(), command.key(), command.owner()));
        if (reply != null) {
            reply.whenComplete((left, ex) -> {
                if (ex != null) {
                    logger.warn(
                            "{} [{}]: the queue place of waiter '{}', who no longer waited, could not be dropped; it"
                                    + " lasts until its claim runs out",
                            PermitReplies.subject(command.kind()),
                            command.key(),
                            command.owner(),
                            ex);
                }
            });
        }
    }

    /**
     * Drop a refused waiter's queue place, telling the other waiters.
     *
     * @param kind a semaphore or a read/write lock
     * @param key the key
     * @param owner the waiter
     * @return whether it had a place
     */
    boolean leave(SemaphoreKind kind, LockKey key, String owner) {
        return scripts.number(LuaScript.PERMITS_LEAVE, 4, leaveArguments(kind, key, owner)) == 1;
    }

    /**
     * Give a grant back (the watchdog's lease release and a caller's release).
     *
     * @param kind a semaphore or a read/write lock
     * @param key the key
     * @param owner the holder
     * @param token the grant's token
     * @return whether it was held
     */
    boolean release(SemaphoreKind kind, LockKey key, String owner, long token) {
        byte[][] keysAndArgs = releaseArguments(kind, key, owner, token);
        return scripts.number(LuaScript.PERMITS_RELEASE, 4, keysAndArgs) == 1;
    }

    /** Release a grant the replicas did not acknowledge; say what became of it. */
    private String giveBack(PermitCommand command, PermitOutcome.Granted granted) {
        try {
            release(command.kind(), command.key(), command.owner(), granted.token());
            return "the grant was given back";
        } catch (RuntimeException ex) {
            logger.warn(
                    "{} [{}] granted to '{}' without the replicas' acknowledgement could not be given back",
                    PermitReplies.subject(command.kind()),
                    command.key(),
                    command.owner(),
                    ex);
            return "it could not be given back (" + ex.getMessage() + ") and expires with its lease";
        }
    }

    private byte[][] releaseArguments(SemaphoreKind kind, LockKey key, String owner, long token) {
        byte[][] semaphore = keys.semaphoreKeys(kind, key);
        return new byte[][] {
            semaphore[0], semaphore[1], semaphore[2], semaphore[3], kind(kind), bytes(owner), bytes(token), channel
        };
    }

    private byte[][] leaveArguments(SemaphoreKind kind, LockKey key, String owner) {
        byte[][] semaphore = keys.semaphoreKeys(kind, key);
        return new byte[][] {semaphore[0], semaphore[1], semaphore[2], semaphore[3], kind(kind), bytes(owner), channel};
    }

    private byte[][] arguments(PermitCommand command) {
        LockKey key = command.key();
        byte[][] semaphore = keys.semaphoreKeys(command.kind(), key);
        SemaphoreKind other =
                (command.kind() == SemaphoreKind.SEMAPHORE) ? SemaphoreKind.READ_WRITE : SemaphoreKind.SEMAPHORE;
        return new byte[][] {
            semaphore[0],
            semaphore[1],
            semaphore[2],
            semaphore[3],
            bytes(keys.lock(key)),
            bytes(keys.semaphore(other, key)),
            kind(command.kind()),
            bytes(command.owner()),
            bytes(command.priority()),
            bytes(command.permits()),
            bytes(command.exclusive() ? "1" : "0"),
            bytes(LockStore.leaseMillis(command.lease())),
            bytes((command.mode() == AcquireMode.CLAIM) ? "X" : "L"),
            bytes(command.createSize()),
            bytes(command.fair() ? "1" : "0"),
            CLAIM
        };
    }

    static byte[] kind(SemaphoreKind kind) {
        return bytes((kind == SemaphoreKind.SEMAPHORE) ? "S" : "R");
    }
}
