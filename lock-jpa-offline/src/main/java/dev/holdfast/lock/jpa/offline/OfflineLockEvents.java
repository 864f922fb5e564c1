package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link LockListener listeners} (the starter's meters and observations) what happens to offline locks, as
 * events of kind {@link LockKind#OFFLINE} in store {@value #STORE}: each acquisition (named after its first key's
 * namespace) and each stale lock ended by a takeover or the sweep, as a lost lease. Guards each listener, so that
 * none can fail a lock call. Thread-safe.
 */
final class OfflineLockEvents {

    /** The {@code lock.store} of offline locks: the database. */
    static final String STORE = "jdbc";

    private static final Logger logger = LoggerFactory.getLogger(OfflineLockEvents.class);

    private final List<LockListener> listeners;

    OfflineLockEvents(List<? extends LockListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tell an acquisition: its start, then its result or failure. */
    OfflineLockResult acquisition(OfflineLockRequest request, Supplier<OfflineLockResult> acquire) {
        if (this.listeners.isEmpty()) {
            return acquire.get();
        }
        LockKey first = request.keys().get(0);
        fire(LockListener::onAcquiring, event(first, request.owner(), 0, null, Duration.ZERO, null, null));
        long start = System.nanoTime();
        OfflineLockResult result;
        try {
            result = acquire.get();
        } catch (RuntimeException ex) {
            fire(LockListener::onError, event(first, request.owner(), 0, null, since(start), ex, null));
            throw ex;
        }
        if (result instanceof OfflineLockResult.Acquired acquired) {
            long token =
                    acquired.locks().isEmpty() ? 0 : acquired.locks().get(0).token();
            fire(LockListener::onAcquired, event(first, request.owner(), token, null, since(start), null, null));
        } else {
            OfflineLockResult.NotAcquired refused = (OfflineLockResult.NotAcquired) result;
            LockState holder = state(refused.holder());
            fire(
                    LockListener::onNotAcquired,
                    event(refused.key(), request.owner(), 0, holder, since(start), null, LockResult.Reason.HELD));
        }
        return result;
    }

    /** Tell that a stale lock's owner lost it. */
    void lost(OfflineLock lock, OfflineLockExpiryListener.Cause cause) {
        Duration held = Duration.between(lock.since(), Instant.now());
        LockLostException why =
                new LockLostException("Offline lock [" + lock.key() + "] of '" + lock.owner() + "' ended while stale: "
                        + cause.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        fire(
                LockListener::onLost,
                event(
                        lock.key(),
                        lock.owner(),
                        lock.token(),
                        null,
                        held.isNegative() ? Duration.ZERO : held,
                        why,
                        null));
    }

    /** Return what a lock's store would say of an offline lock: its holder, token, holds and time left. */
    static LockState state(OfflineLock lock) {
        Instant expiresAt = lock.expiresAt();
        Duration remaining = (expiresAt != null) ? Duration.between(Instant.now(), expiresAt) : LockRequest.FOREVER;
        return new LockState(
                lock.key(),
                lock.owner(),
                0,
                lock.token(),
                lock.holds(),
                remaining.isNegative() ? Duration.ZERO : remaining);
    }

    private static LockEvent event(
            LockKey key,
            String owner,
            long token,
            @Nullable LockState other,
            Duration elapsed,
            @Nullable Throwable error,
            LockResult.@Nullable Reason reason) {
        return new LockEvent(
                key, key.namespace(), STORE, LockKind.OFFLINE, owner, 0, token, other, elapsed, error, reason);
    }

    private void fire(BiConsumer<LockListener, LockEvent> method, LockEvent event) {
        for (LockListener listener : this.listeners) {
            try {
                method.accept(listener, event);
            } catch (RuntimeException ex) {
                logger.warn("Lock listener {} failed for offline lock [{}]", listener, event.key(), ex);
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
