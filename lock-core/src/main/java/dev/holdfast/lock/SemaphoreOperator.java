package dev.holdfast.lock;

import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of a template's semaphores and read/write locks: find one by key whatever its kind, and free one
 * grant by its token, telling the local lease it displaced that it was lost. Thread-safe.
 */
final class SemaphoreOperator {

    private static final Logger logger = LoggerFactory.getLogger(LockTemplate.class);

    private final SemaphoreStore store;

    private final HeldLeases leases;

    SemaphoreOperator(SemaphoreStore store, HeldLeases leases) {
        this.store = store;
        this.leases = leases;
    }

    /** Return the semaphore of a key, else its read/write lock. */
    Optional<SemaphoreState> inspect(LockKey key) {
        return store.inspectSemaphore(SemaphoreKind.SEMAPHORE, key)
                .or(() -> store.inspectSemaphore(SemaphoreKind.READ_WRITE, key));
    }

    /** Free the grant with a token, whoever holds it; {@code false} when no live grant has it. */
    boolean forceRelease(LockKey key, long token) {
        for (SemaphoreKind kind : SemaphoreKind.values()) {
            Optional<PermitHolder> found = store.inspectSemaphore(kind, key)
                    .flatMap((state) -> state.holders().stream()
                            .filter((holder) -> holder.token() == token)
                            .findFirst());
            if (found.isPresent()) {
                PermitHolder holder = found.get();
                boolean freed = store.releasePermits(kind, key, holder.owner(), token) != ReleaseOutcome.NOT_HELD;
                logger.info(
                        "Permit of [{}] force-released in store '{}': {}",
                        key,
                        store.name(),
                        freed ? "it was held by " + holder : "it was free");
                LockState state = new LockState(
                        key, holder.owner(), holder.priority(), token, holder.permits(), holder.remaining());
                leases.markLost(key, state, "the permit was force-released by an operator");
                return freed;
            }
        }
        return false;
    }
}
