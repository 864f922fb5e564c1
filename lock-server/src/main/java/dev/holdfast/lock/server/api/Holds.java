package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.api.Hold.Mode;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Renew and release of {@link Hold holds} by owner and token, whatever their mode: the one place that knows which
 * store call each mode takes. Blocking calls run on the offload executor. Thread-safe.
 */
final class Holds {

    private final LockStore locks;

    private final SemaphoreStore semaphores;

    private final Executor offload;

    Holds(LockStore locks, SemaphoreStore semaphores, Executor offload) {
        this.locks = locks;
        this.semaphores = semaphores;
        this.offload = offload;
    }

    /**
     * Renew a hold.
     *
     * @param hold the hold
     * @param lease the new lease from now
     * @return {@code true} when renewed, {@code false} when it was lost
     */
    CompletableFuture<Boolean> renew(Hold hold, Duration lease) {
        return CompletableFuture.supplyAsync(() -> renewNow(hold, lease), offload);
    }

    boolean renewNow(Hold hold, Duration lease) {
        RenewCommand command = new RenewCommand(hold.key(), hold.owner(), hold.token(), lease);
        return (hold.mode() == Mode.EXCLUSIVE)
                ? locks.renew(command)
                : semaphores.renewPermits(hold.mode().kind(), command);
    }

    /**
     * Release a hold.
     *
     * @param hold the hold
     * @return {@code true} when released, {@code false} when it was not held
     */
    CompletableFuture<Boolean> release(Hold hold) {
        if (hold.mode() == Mode.EXCLUSIVE) {
            return locks.releaseAsync(hold.key(), hold.owner(), hold.token(), offload)
                    .thenApply((outcome) -> outcome != ReleaseOutcome.NOT_HELD);
        }
        return CompletableFuture.supplyAsync(() -> releaseNow(hold), offload);
    }

    boolean releaseNow(Hold hold) {
        ReleaseOutcome outcome = (hold.mode() == Mode.EXCLUSIVE)
                ? locks.release(hold.key(), hold.owner(), hold.token())
                : semaphores.releasePermits(hold.mode().kind(), hold.key(), hold.owner(), hold.token());
        return outcome != ReleaseOutcome.NOT_HELD;
    }

    /**
     * Renew many holds with as few store calls as the stores allow: one batch per kind of store call.
     *
     * @param holds the holds
     * @param lease the new lease from now of each hold
     * @return the holds that were lost
     */
    Set<Hold> renewAll(Collection<Hold> holds, Function<Hold, Duration> lease) {
        Map<Mode, List<RenewCommand>> byMode = new EnumMap<>(Mode.class);
        Map<RenewCommand, Hold> byCommand = new java.util.HashMap<>();
        for (Hold hold : holds) {
            RenewCommand command = new RenewCommand(hold.key(), hold.owner(), hold.token(), lease.apply(hold));
            Mode batch = (hold.mode() == Mode.WRITE) ? Mode.READ : hold.mode();
            byMode.computeIfAbsent(batch, (mode) -> new ArrayList<>()).add(command);
            byCommand.put(command, hold);
        }
        Set<Hold> lost = new HashSet<>();
        byMode.forEach((mode, commands) -> {
            List<RenewCommand> failed = (mode == Mode.EXCLUSIVE)
                    ? locks.renewAll(commands)
                    : semaphores.renewAllPermits(mode.kind(), commands);
            failed.forEach((command) -> lost.add(byCommand.get(command)));
        });
        return lost;
    }

    /**
     * Return the hold of a lock that an owner renews or releases, trying the modes a lock can be held in when the
     * request did not name one: exclusive first, then the read/write lock.
     */
    static List<Hold> candidates(LockKey key, String owner, long token) {
        return List.of(
                new Hold(Mode.EXCLUSIVE, key, owner, token, Duration.ZERO),
                new Hold(Mode.READ, key, owner, token, Duration.ZERO));
    }
}
