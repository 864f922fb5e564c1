package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A semaphore or a held read/write lock, as the {@code locks} endpoint shows it.
 *
 * @param key the key, {@code namespace:id}
 * @param namespace the key's namespace
 * @param id the key's id
 * @param kind {@code semaphore} or {@code read_write}
 * @param size how many permits it has; {@code null} for a read/write lock
 * @param used how many permits the holders hold (a read/write lock: its readers, or 1 for its writer)
 * @param fair whether waiters are served in arrival order
 * @param queued how many waiters stand in its queue
 * @param holders the live grants, oldest first; each can be force-released by its token
 */
public record SemaphoreDescriptor(
        String key,
        String namespace,
        String id,
        String kind,
        @Nullable Integer size,
        int used,
        boolean fair,
        int queued,
        List<Holder> holders)
        implements HeldDescriptor {

    public SemaphoreDescriptor {
        holders = List.copyOf(holders);
    }

    /**
     * Describe a semaphore or read/write lock the store reported.
     *
     * @param state what the store knows
     * @param now this application's time when the store answered
     * @return the descriptor
     */
    public static SemaphoreDescriptor of(SemaphoreState state, Instant now) {
        boolean semaphore = state.kind() == SemaphoreKind.SEMAPHORE;
        return new SemaphoreDescriptor(
                state.key().toString(),
                state.key().namespace(),
                state.key().id(),
                semaphore ? "semaphore" : "read_write",
                semaphore ? state.size() : null,
                state.used(),
                state.fair(),
                state.queued(),
                state.holders().stream()
                        .map((holder) -> Holder.of(semaphore, holder, now))
                        .toList());
    }

    /**
     * One grant of a semaphore or read/write lock.
     *
     * @param kind {@code semaphore} for permits, {@code read} for a reader, {@code write} for the writer
     * @param owner who holds it
     * @param priority the holder's priority
     * @param token the grant's fencing token, which names it for a force-release
     * @param permits how many permits it holds
     * @param remaining how long the lease has left, by the store's clock when it was read
     * @param expiresAt when the lease runs out, estimated with this application's clock; {@code null} when it never
     *     expires
     */
    public record Holder(
            String kind,
            String owner,
            int priority,
            long token,
            int permits,
            Duration remaining,
            @Nullable Instant expiresAt) {

        static Holder of(boolean semaphore, PermitHolder holder, Instant now) {
            LockKind kind = semaphore ? LockKind.SEMAPHORE : (holder.exclusive() ? LockKind.WRITE : LockKind.READ);
            return new Holder(
                    kind.value(),
                    holder.owner(),
                    holder.priority(),
                    holder.token(),
                    holder.permits(),
                    holder.remaining(),
                    LockRequest.isForever(holder.remaining()) ? null : now.plus(holder.remaining()));
        }
    }
}
