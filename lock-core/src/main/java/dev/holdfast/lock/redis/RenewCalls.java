package dev.holdfast.lock.redis;

import static dev.holdfast.lock.redis.LuaScript.bytes;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.RenewCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The renew scripts' calls: one lease, or the watchdog's many in batches of at most {@link RedisLockStore#BATCH}, one
 * hash slot each on a cluster. When renewals must reach replicas, a renewal they did not acknowledge fails rather
 * than counting: the lease is then still good until its old deadline, and a renewal the replicas lost would not be.
 */
final class RenewCalls {

    private final ScriptRunner scripts;

    private final RedisKeys keys;

    private final ReplicaAcks acks;

    RenewCalls(ScriptRunner scripts, RedisKeys keys, ReplicaAcks acks) {
        this.scripts = scripts;
        this.keys = keys;
        this.acks = acks;
    }

    /**
     * Renew one lease.
     *
     * @param command the renewal
     * @return whether the owner still held the lock
     */
    boolean renew(RenewCommand command) {
        byte[][] arguments = {
            bytes(keys.lock(command.key())),
            bytes(command.owner()),
            bytes(command.token()),
            bytes(LockStore.leaseMillis(command.lease()))
        };
        if (!acks.required()) {
            return scripts.number(LuaScript.RENEW, 1, arguments) == 1;
        }
        ScriptRunner.Replicated replicated = scripts.runReplicated(LuaScript.RENEW, false, acks, 1, arguments);
        boolean renewed = Replies.number(Objects.requireNonNull(replicated.reply())) == 1;
        if (renewed) {
            requireAcknowledged(command.key(), "renewed", replicated);
        }
        return renewed;
    }

    /**
     * Renew many leases.
     *
     * @param commands the renewals
     * @return those whose owner no longer held the lock
     */
    List<RenewCommand> renewAll(List<RenewCommand> commands) {
        List<RenewCommand> lost = new ArrayList<>();
        for (List<RenewCommand> batch : RenewBatches.of(
                commands, RedisLockStore.BATCH, scripts.cluster(), (command) -> keys.lock(command.key()))) {
            lost.addAll(renewBatch(batch));
        }
        return lost;
    }

    private List<RenewCommand> renewBatch(List<RenewCommand> batch) {
        byte[][] keysAndArgs = new byte[batch.size() * 4][];
        for (int i = 0; i < batch.size(); i++) {
            RenewCommand command = batch.get(i);
            keysAndArgs[i] = bytes(keys.lock(command.key()));
            int arg = batch.size() + 3 * i;
            keysAndArgs[arg] = bytes(command.owner());
            keysAndArgs[arg + 1] = bytes(command.token());
            keysAndArgs[arg + 2] = bytes(LockStore.leaseMillis(command.lease()));
        }
        List<Object> renewed;
        if (acks.required()) {
            ScriptRunner.Replicated replicated =
                    scripts.runReplicated(LuaScript.RENEW_ALL, true, acks, batch.size(), keysAndArgs);
            renewed = Replies.list(replicated.reply());
            if (renewed.stream().anyMatch((reply) -> Replies.number(reply) == 1)) {
                requireAcknowledged(batch.get(0).key(), "renewed", replicated);
            }
        } else {
            renewed = scripts.list(LuaScript.RENEW_ALL, batch.size(), keysAndArgs);
        }
        List<RenewCommand> lost = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (Replies.number(renewed.get(i)) != 1) {
                lost.add(batch.get(i));
            }
        }
        return lost;
    }

    private void requireAcknowledged(LockKey key, String what, ScriptRunner.Replicated replicated) {
        if (replicated.acknowledged() < acks.replicas()) {
            throw RedisFailures.unreplicated(key, what, replicated.acknowledged(), acks, "it does not count");
        }
    }
}
