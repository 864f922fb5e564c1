package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's semaphores and read/write locks, except acquiring ({@link PermitCalls}): each operation is one
 * script on the keys of one semaphore (one hash slot), deciding expiry by the server clock; the watchdog's renewals go
 * in batches of at most {@link RedisLockStore#BATCH}, one hash slot each on a cluster. Listing scans for the hashes of
 * semaphores, then of read/write locks (every primary of a cluster), and reads each found on its own node.
 */
final class RedisSemaphores {

    private static final byte[] ONE = bytes("1");

    private static final byte[] ZERO = bytes("0");

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final byte[] channel;

    private final ReplicaAcks acks;

    private final PermitCalls calls;

    RedisSemaphores(ScriptRunner scripts, RedisKeys keys, byte[] channel, ReplicaAcks acks, PermitCalls calls) {
        this.scripts = scripts;
        this.keys = keys;
        this.channel = channel;
        this.acks = acks;
        this.calls = calls;
    }

    boolean create(LockKey key, int size, boolean fair) {
        checkSize(key, size);
        long created = call(
                SemaphoreKind.SEMAPHORE,
                key,
                "created",
                () -> scripts.number(
                        LuaScript.SEMAPHORE_CREATE,
                        3,
                        bytes(keys.semaphore(SemaphoreKind.SEMAPHORE, key)),
                        bytes(keys.lock(key)),
                        bytes(keys.semaphore(SemaphoreKind.READ_WRITE, key)),
                        bytes(size),
                        fair ? ONE : ZERO));
        if (created < 0) {
            throw new IllegalArgumentException(PermitReplies.inUse(SemaphoreKind.SEMAPHORE, key, created == -1));
        }
        return created == 1;
    }

    Optional<SemaphoreState> resize(LockKey key, int size) {
        checkSize(key, size);
        byte[][] semaphore = keys.semaphoreKeys(SemaphoreKind.SEMAPHORE, key);
        List<Object> reply = call(
                SemaphoreKind.SEMAPHORE,
                key,
                "resized",
                () -> scripts.list(
                        LuaScript.SEMAPHORE_RESIZE,
                        4,
                        semaphore[0],
                        semaphore[1],
                        semaphore[2],
                        semaphore[3],
                        bytes(size),
                        channel));
        return reply.isEmpty()
                ? Optional.empty()
                : Optional.of(PermitReplies.state(key, SemaphoreKind.SEMAPHORE, reply, 0));
    }

    SemaphoreDeletion delete(LockKey key, boolean force) {
        byte[][] semaphore = keys.semaphoreKeys(SemaphoreKind.SEMAPHORE, key);
        long deleted = call(
                SemaphoreKind.SEMAPHORE,
                key,
                "deleted",
                () -> scripts.number(
                        LuaScript.SEMAPHORE_DELETE,
                        4,
                        semaphore[0],
                        semaphore[1],
                        semaphore[2],
                        semaphore[3],
                        force ? ONE : ZERO,
                        channel));
        if (deleted == 2) {
            return SemaphoreDeletion.IN_USE;
        }
        return (deleted == 1) ? SemaphoreDeletion.DELETED : SemaphoreDeletion.NOT_FOUND;
    }

    ReleaseOutcome release(SemaphoreKind kind, LockKey key, String owner, long token) {
        boolean released = call(kind, key, "released", () -> calls.release(kind, key, owner, token));
        return released ? ReleaseOutcome.RELEASED : ReleaseOutcome.NOT_HELD;
    }

    boolean leave(SemaphoreKind kind, LockKey key, String owner) {
        return call(kind, key, "left by waiter '" + owner + "'", () -> calls.leave(kind, key, owner));
    }

    /** Renew grants: one, or the watchdog's many; return those whose leases were lost. */
    List<RenewCommand> renew(SemaphoreKind kind, List<RenewCommand> commands) {
        String what = (commands.size() == 1) ? "renewed" : "renewed with " + (commands.size() - 1) + " other leases";
        return call(kind, commands.get(0).key(), what, () -> {
            List<RenewCommand> lost = new ArrayList<>();
            for (List<RenewCommand> batch : RenewBatches.of(
                    commands,
                    RedisLockStore.BATCH,
                    scripts.cluster(),
                    (command) -> keys.semaphore(kind, command.key()))) {
                lost.addAll(renewBatch(kind, batch));
            }
            return lost;
        });
    }

    Optional<SemaphoreState> inspect(SemaphoreKind kind, LockKey key) {
        List<Object> reply = call(
                kind,
                key,
                "inspected",
                () -> scripts.list(LuaScript.SEMAPHORE_INSPECT, 4, inspectArguments(kind, key)));
        return reply.isEmpty() ? Optional.empty() : Optional.of(PermitReplies.state(key, kind, reply, 0));
    }

    List<SemaphoreState> list(@Nullable String namespace, int limit) {
        List<SemaphoreState> states = new ArrayList<>();
        try {
            for (SemaphoreKind kind : SemaphoreKind.values()) {
                if (states.size() < limit) {
                    list(kind, namespace, limit, states);
                }
            }
        } catch (RuntimeException ex) {
            throw new LockStoreException(
                    "Semaphores " + ((namespace != null) ? "in namespace [" + namespace + "] " : "")
                            + "could not be listed: Redis failed (" + ex.getMessage() + ")",
                    ex);
        }
        return states;
    }

    /** Scan for one kind's hashes and read each found on its node, a page at once where the runner can. */
    private void list(SemaphoreKind kind, @Nullable String namespace, int limit, List<SemaphoreState> states) {
        Set<LockKey> seen = new HashSet<>();
        scripts.scan(bytes(keys.semaphorePattern(kind, namespace)), RedisLockStore.SCAN_COUNT, (page) -> {
            List<LockKey> found = new ArrayList<>();
            for (byte[] name : page) {
                LockKey key = keys.parseSemaphore(kind, Replies.text(name));
                if (key != null && seen.add(key)) {
                    found.add(key);
                }
            }
            List<@Nullable CompletableFuture<Object>> replies = new ArrayList<>();
            for (LockKey key : found) {
                replies.add(scripts.runAsync(LuaScript.SEMAPHORE_INSPECT, true, 4, inspectArguments(kind, key)));
            }
            for (int i = 0; i < found.size() && states.size() < limit; i++) {
                CompletableFuture<Object> reply = replies.get(i);
                List<Object> state = (reply != null)
                        ? join(reply)
                        : scripts.list(LuaScript.SEMAPHORE_INSPECT, 4, inspectArguments(kind, found.get(i)));
                if (!state.isEmpty()) {
                    states.add(PermitReplies.state(found.get(i), kind, state, 0));
                }
            }
            return states.size() < limit;
        });
    }

    private List<RenewCommand> renewBatch(SemaphoreKind kind, List<RenewCommand> batch) {
        byte[][] keysAndArgs = new byte[batch.size() * 7 + 1][];
        int args = batch.size() * 4;
        keysAndArgs[args] = PermitCalls.kind(kind);
        for (int i = 0; i < batch.size(); i++) {
            RenewCommand command = batch.get(i);
            System.arraycopy(keys.semaphoreKeys(kind, command.key()), 0, keysAndArgs, 4 * i, 4);
            keysAndArgs[args + 1 + 3 * i] = bytes(command.owner());
            keysAndArgs[args + 2 + 3 * i] = bytes(command.token());
            keysAndArgs[args + 3 + 3 * i] = bytes(LockStore.leaseMillis(command.lease()));
        }
        List<Object> renewed;
        if (acks.required()) {
            ScriptRunner.Replicated replicated =
                    scripts.runReplicated(LuaScript.PERMITS_RENEW, true, acks, args, keysAndArgs);
            renewed = Replies.list(replicated.reply());
            if (renewed.stream().anyMatch((reply) -> Replies.number(reply) == 1)
                    && replicated.acknowledged() < acks.replicas()) {
                throw RedisFailures.unreplicated(
                        PermitReplies.subject(kind),
                        batch.get(0).key(),
                        "renewed",
                        replicated.acknowledged(),
                        acks,
                        "it does not count");
            }
        } else {
            renewed = scripts.list(LuaScript.PERMITS_RENEW, args, keysAndArgs);
        }
        List<RenewCommand> lost = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (Replies.number(Objects.requireNonNull(renewed.get(i))) != 1) {
                lost.add(batch.get(i));
            }
        }
        return lost;
    }

    private byte[][] inspectArguments(SemaphoreKind kind, LockKey key) {
        byte[][] semaphore = keys.semaphoreKeys(kind, key);
        return new byte[][] {semaphore[0], semaphore[1], semaphore[2], semaphore[3], PermitCalls.kind(kind)};
    }

    private static <T> T call(SemaphoreKind kind, LockKey key, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException ex) {
            throw RedisFailures.failure(PermitReplies.subject(kind), key, what, ex);
        }
    }

    private static void checkSize(LockKey key, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Semaphore [" + key + "] size must be at least 1, but was " + size);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> join(CompletableFuture<Object> reply) {
        try {
            Object value = reply.join();
            return (value != null) ? (List<Object>) value : List.of();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }
}
