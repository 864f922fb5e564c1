package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireAttempt;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Asks a store for a lock (first, for a request {@linkplain LockRequest#onlyIfExists() only if it exists}, whether
 * anyone holds it: the store's {@code inspect}, so existence is judged when the request is made and not again) and,
 * when the request may wait, waits through the store's {@link LockWatch} until granted
 * or out of time; a grant becomes a {@link TemplateLease} registered with the {@link HeldLeases}. Every outcome is told
 * to the listeners. Thread-safe.
 */
final class AcquireLoop {

    private final LockStore store;

    private final LeaseBackend backend;

    private final HeldLeases leases;

    private final Listeners listeners;

    AcquireLoop(LockStore store, HeldLeases leases, Listeners listeners) {
        this.store = store;
        this.backend = LeaseBackend.of(store);
        this.leases = leases;
        this.listeners = listeners;
    }

    /**
     * Ask for a lock for an owner.
     *
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting (the interrupt flag is set again)
     */
    LockResult acquire(LockRequest request, String owner, AcquireMode mode) {
        AcquireCommand command = new AcquireCommand(request.key(), owner, request.priority(), request.lease(), mode);
        long start = System.nanoTime();
        boolean waits = mode != AcquireMode.CLAIM && !request.waitTime().isZero();
        boolean forever = LockRequest.isForever(request.waitTime());
        acquiring(request, owner);
        try {
            if (request.onlyIfExists() && store.inspect(request.key()).isEmpty()) {
                return missing(request, owner, start);
            }
            AcquireAttempt attempt = AcquireAttempt.of(store, command);
            if (!attempt.granted() && waits) {
                attempt = await(
                        command,
                        forever ? Long.MAX_VALUE : start + request.waitTime().toNanos());
            }
            return result(request, owner, attempt, waits, start);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw failure(request, owner, start, new LockInterruptedException(request.key(), ex));
        } catch (RuntimeException ex) {
            throw failure(request, owner, start, ex);
        }
    }

    /** Turn a store's last answer into the result, telling the listeners. */
    LockResult result(LockRequest request, String owner, AcquireAttempt attempt, boolean waited, long start) {
        if (attempt.outcome() instanceof AcquireOutcome.Granted granted) {
            return new LockResult.Acquired(granted(request, owner, granted, attempt.askedNanos(), start));
        }
        return refused(
                request,
                owner,
                waited ? LockResult.Reason.TIMED_OUT : LockResult.Reason.HELD,
                ((AcquireOutcome.Refused) attempt.outcome()).holder(),
                waited ? request.waitTime() : Duration.ZERO,
                start);
    }

    /** Refuse a request for a lock that does not exist (it asked to be granted only if the lock exists). */
    LockResult missing(LockRequest request, String owner, long start) {
        return refused(request, owner, LockResult.Reason.MISSING, null, Duration.ZERO, start);
    }

    /** Tell the listeners that an acquisition starts. */
    void acquiring(LockRequest request, String owner) {
        listeners.fire(LockListener::onAcquiring, request, owner, 0, null, Duration.ZERO, null, null);
    }

    /**
     * Tell the listeners of a failed acquisition, with what the caller gets: a lock exception as it is, anything else
     * as a store failure naming the lock; return it to throw.
     */
    RuntimeException failure(LockRequest request, String owner, long start, RuntimeException ex) {
        RuntimeException thrown = (ex instanceof LockException)
                ? ex
                : new LockStoreException(
                        "Lock [" + request.key() + "] could not be acquired: store '" + store.name() + "' failed", ex);
        listeners.fire(LockListener::onError, request, owner, 0, null, since(start), thrown, null);
        return thrown;
    }

    private LockResult.NotAcquired refused(
            LockRequest request,
            String owner,
            LockResult.Reason reason,
            @Nullable LockState holder,
            Duration waited,
            long start) {
        LockResult.NotAcquired refused = new LockResult.NotAcquired(request.key(), owner, reason, holder, waited);
        listeners.fire(LockListener::onNotAcquired, request, owner, 0, holder, since(start), null, reason);
        return refused;
    }

    /**
     * Wait through the store's watch until granted or {@code deadlineNanos} (Long.MAX_VALUE: until granted). The
     * first ask follows the watch at once, so a release between the refused attempt and the watch is not missed;
     * later ones wait for a release, for the holder's lease to run out, or for the time left.
     */
    private AcquireAttempt await(AcquireCommand command, long deadlineNanos) throws InterruptedException {
        try (LockWatch watch = store.watch(command)) {
            return WaitLoop.await(
                    watch::next,
                    (attempt) -> !attempt.granted(),
                    (attempt) -> WaitLoop.untilExpiry(((AcquireOutcome.Refused) attempt.outcome())
                            .holder()
                            .remaining()),
                    deadlineNanos);
        }
    }

    private TemplateLease granted(
            LockRequest request, String owner, AcquireOutcome.Granted granted, long askedNanos, long start) {
        TemplateLease lease = new TemplateLease(
                backend,
                leases,
                request.key(),
                request.name(),
                LockKind.LOCK,
                owner,
                request.priority(),
                granted.token(),
                request.lease(),
                request.autoRenew(),
                askedNanos);
        leases.add(lease);
        LockState displaced = granted.displaced();
        if (displaced != null) {
            leases.markLost(
                    request.key(), displaced, "preempted by '" + owner + "' with priority " + request.priority());
            listeners.fire(
                    LockListener::onPreempted, request, owner, granted.token(), displaced, since(start), null, null);
        }
        listeners.fire(LockListener::onAcquired, request, owner, granted.token(), null, since(start), null, null);
        return lease;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
