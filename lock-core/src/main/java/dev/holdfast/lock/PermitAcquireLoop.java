package dev.holdfast.lock;

import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitAttempt;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a {@link SemaphoreStore} for permits (or a read or write hold) and, when the request may wait, waits through
 * the store's {@link PermitWatch}, as {@link AcquireLoop} does for plain locks; a grant becomes a {@link TemplateLease}
 * renewed by the same watchdog. A request refused that ends without a grant (it did not wait, its wait ran out, it
 * was interrupted, the store failed) leaves the queue at once ({@link SemaphoreStore#leaveQueue}). Thread-safe.
 */
final class PermitAcquireLoop {

    private static final Logger logger = LoggerFactory.getLogger(PermitAcquireLoop.class);

    private final SemaphoreStore store;

    private final HeldLeases leases;

    private final Listeners listeners;

    private final Map<SemaphoreKind, LeaseBackend> backends = new EnumMap<>(SemaphoreKind.class);

    PermitAcquireLoop(SemaphoreStore store, HeldLeases leases, Listeners listeners) {
        this.store = store;
        this.leases = leases;
        this.listeners = listeners;
        for (SemaphoreKind kind : SemaphoreKind.values()) {
            this.backends.put(kind, LeaseBackend.of(store, kind));
        }
    }

    SemaphoreStore store() {
        return store;
    }

    Listeners listeners() {
        return listeners;
    }

    /**
     * Ask for permits for an owner.
     *
     * @throws IllegalArgumentException when the request can never be granted as asked (more permits than the size, a
     *     key held by another kind of lock)
     * @throws LockUpgradeException when a reader asks for the write hold while other readers hold
     * @throws LockStoreException when the store cannot answer
     * @throws LockInterruptedException when interrupted while waiting
     */
    LockResult acquire(
            LockKey key, SemaphoreKind kind, PermitRequest request, String owner, boolean exclusive, AcquireMode mode) {
        LockRequest.validateOwner(key, owner);
        String name = request.name().isEmpty() ? key.namespace() : request.name();
        PermitCommand command = new PermitCommand(
                key,
                kind,
                owner,
                request.priority(),
                request.permits(),
                exclusive,
                request.lease(),
                mode,
                request.createSize(),
                request.fair());
        LockKind lockKind = LockKind.of(kind, exclusive);
        long start = System.nanoTime();
        boolean waits = mode != AcquireMode.CLAIM && !request.waitTime().isZero();
        boolean queued = false;
        listeners.fire(
                LockListener::onAcquiring,
                key,
                name,
                lockKind,
                owner,
                request.priority(),
                0,
                null,
                Duration.ZERO,
                null,
                null);
        try {
            PermitAttempt attempt = PermitAttempt.of(store, command);
            queued = mayQueue(command, attempt.outcome());
            if (attempt.outcome() instanceof PermitOutcome.Refused && waits) {
                long deadline = LockRequest.isForever(request.waitTime())
                        ? Long.MAX_VALUE
                        : start + request.waitTime().toNanos();
                attempt = await(command, deadline);
            }
            PermitOutcome outcome = attempt.outcome();
            if (outcome instanceof PermitOutcome.Granted granted) {
                return new LockResult.Acquired(
                        granted(command, name, lockKind, request, granted, attempt.askedNanos(), start));
            }
            if (outcome instanceof PermitOutcome.Rejected rejected) {
                throw (rejected.cause() == PermitOutcome.Rejected.Cause.UPGRADE)
                        ? new LockUpgradeException(rejected.reason())
                        : new IllegalArgumentException(rejected.reason());
            }
            if (queued) {
                leaveQueue(command);
            }
            LockState holder = (outcome instanceof PermitOutcome.Refused refused)
                    ? refused.state()
                            .nextToExpire()
                            .map((next) -> new LockState(
                                    key, next.owner(), next.priority(), next.token(), next.permits(), next.remaining()))
                            .orElse(null)
                    : null;
            LockResult.Reason reason = (outcome instanceof PermitOutcome.Missing)
                    ? LockResult.Reason.MISSING
                    : (waits ? LockResult.Reason.TIMED_OUT : LockResult.Reason.HELD);
            LockResult.NotAcquired notAcquired =
                    new LockResult.NotAcquired(key, owner, reason, holder, waits ? request.waitTime() : Duration.ZERO);
            listeners.fire(
                    LockListener::onNotAcquired,
                    key,
                    name,
                    lockKind,
                    owner,
                    request.priority(),
                    0,
                    holder,
                    since(start),
                    null,
                    reason);
            return notAcquired;
        } catch (InterruptedException ex) {
            if (queued) {
                leaveQueue(command);
            }
            Thread.currentThread().interrupt();
            LockInterruptedException interrupted = new LockInterruptedException(key, ex);
            failed(key, name, lockKind, owner, request.priority(), start, interrupted);
            throw interrupted;
        } catch (RuntimeException ex) {
            if (queued) {
                leaveQueue(command);
            }
            RuntimeException thrown = (ex instanceof LockException || ex instanceof IllegalArgumentException)
                    ? ex
                    : new LockStoreException(
                            "Semaphore [" + key + "] could not be acquired: store '" + store.name() + "' failed", ex);
            failed(key, name, lockKind, owner, request.priority(), start, thrown);
            throw thrown;
        }
    }

    private void failed(
            LockKey key, String name, LockKind kind, String owner, int priority, long start, Throwable error) {
        listeners.fire(LockListener::onError, key, name, kind, owner, priority, 0, null, since(start), error, null);
    }

    /**
     * Return whether a refusal may have left the asker a queue place: a writer's of a read/write lock, or a waiter's of
     * a fair semaphore.
     */
    static boolean mayQueue(PermitCommand command, PermitOutcome outcome) {
        return outcome instanceof PermitOutcome.Refused refused
                && ((command.kind() == SemaphoreKind.READ_WRITE)
                        ? command.exclusive()
                        : refused.state().fair());
    }

    /**
     * Leave the queue after a request refused ends without a grant, so that the place keeps nobody out (the claim's
     * time is for waiters that die); best effort: when the store fails, the place lasts until its claim runs out.
     */
    static void leaveQueue(SemaphoreStore store, PermitCommand command) {
        try {
            store.leaveQueue(command.kind(), command.key(), command.owner());
        } catch (RuntimeException ex) {
            logger.warn(
                    "{} [{}]: the queue place of '{}', who stopped waiting, could not be dropped; it lasts until its"
                            + " claim runs out",
                    (command.kind() == SemaphoreKind.SEMAPHORE) ? "Semaphore" : "Read/write lock",
                    command.key(),
                    command.owner(),
                    ex);
        }
    }

    private void leaveQueue(PermitCommand command) {
        leaveQueue(store, command);
    }

    private PermitAttempt await(PermitCommand command, long deadlineNanos) throws InterruptedException {
        try (PermitWatch watch = store.watchPermits(command)) {
            return WaitLoop.await(
                    watch::next,
                    (attempt) -> attempt.outcome() instanceof PermitOutcome.Refused,
                    (attempt) -> ((PermitOutcome.Refused) attempt.outcome())
                            .state()
                            .nextToExpire()
                            .map((next) -> WaitLoop.untilExpiry(next.remaining()))
                            .orElse(Long.MAX_VALUE),
                    deadlineNanos);
        }
    }

    private TemplateLease granted(
            PermitCommand command,
            String name,
            LockKind kind,
            PermitRequest request,
            PermitOutcome.Granted granted,
            long askedNanos,
            long start) {
        TemplateLease lease = new TemplateLease(
                backends.get(command.kind()),
                leases,
                command.key(),
                name,
                kind,
                command.owner(),
                command.priority(),
                granted.token(),
                command.lease(),
                request.autoRenew(),
                askedNanos);
        leases.add(lease);
        for (PermitHolder displaced : granted.displaced()) {
            LockState state = new LockState(
                    command.key(),
                    displaced.owner(),
                    displaced.priority(),
                    displaced.token(),
                    displaced.permits(),
                    displaced.remaining());
            leases.markLost(
                    command.key(), state, "displaced by '" + command.owner() + "' with priority " + command.priority());
            listeners.fire(
                    LockListener::onPreempted,
                    command.key(),
                    name,
                    kind,
                    command.owner(),
                    command.priority(),
                    granted.token(),
                    state,
                    since(start),
                    null,
                    null);
        }
        listeners.fire(
                LockListener::onAcquired,
                command.key(),
                name,
                kind,
                command.owner(),
                command.priority(),
                granted.token(),
                null,
                since(start),
                null,
                null);
        return lease;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
