package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.jpa.offline.OfflineLock;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import dev.holdfast.lock.spring.actuate.endpoint.HeldLockSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lists the live offline locks in the starter's {@code locks} endpoint, with kind {@code offline}. */
final class OfflineHeldLockSource implements HeldLockSource {

    private final OfflineLocks locks;

    private final Clock clock;

    OfflineHeldLockSource(OfflineLocks locks, Clock clock) {
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public LockKind kind() {
        return LockKind.OFFLINE;
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        Instant now = this.clock.instant();
        return this.locks.list(namespace, limit).stream()
                .map((lock) -> state(lock, now))
                .toList();
    }

    private static LockState state(OfflineLock lock, Instant now) {
        Instant expiresAt = lock.expiresAt();
        Duration remaining = (expiresAt != null) ? Duration.between(now, expiresAt) : LockRequest.FOREVER;
        return new LockState(
                lock.key(),
                lock.owner(),
                0,
                lock.token(),
                lock.holds(),
                remaining.isNegative() ? Duration.ZERO : remaining);
    }
}
