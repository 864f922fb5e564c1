package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.mailbox.FrameRunner.LocalCalls;
import dev.holdfast.lock.mailbox.FrameRunner.Registration;
import dev.holdfast.lock.spi.DeadLetter;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Per-entity serial execution across instances (SPEC §7): calls to a mailbox (a registered type and an entity id)
 * are enqueued as frames and run one at a time, in arrival order, by whichever caller holds the mailbox's lock, on
 * any instance sharing the store; each caller gets back its own result or failure.
 *
 * <p>A caller enqueues its frame, then tries the mailbox lock (a lease with watchdog renewal and fencing). The holder
 * runs the mailbox's frames until the queue is empty, then releases; the other callers wait, woken by the store when
 * a result is written or the lock released, never polling at a fixed interval. A frame calling its own mailbox runs
 * the call inline; a call into a mailbox already on the frame's chain fails at once with
 * {@link MailboxCycleException}. Thread-safe; {@link #close()} stops the executor of {@link #callAsync}.
 */
public final class Mailboxes implements AutoCloseable {

    private final LockOperations locks;

    private final MailboxStore store;

    private final Map<String, Registration> types;

    private final Duration callTimeout;

    private final Clock clock;

    private final MailboxCalls.AsyncExecutor executor;

    private final LocalCalls localCalls = new LocalCalls();

    private final MailboxListener listener;

    private final FrameRunner runner;

    Mailboxes(MailboxesBuilder builder) {
        this.locks = builder.locks;
        this.store = builder.store;
        this.types = Map.copyOf(builder.types);
        this.callTimeout = builder.callTimeout;
        this.clock = builder.clock;
        this.executor = new MailboxCalls.AsyncExecutor(builder.executor);
        this.listener = new MailboxListeners(builder.listeners);
        this.runner = new FrameRunner(store, localCalls, listener);
    }

    /**
     * Start building mailboxes over a lock template and a mailbox store of the same back end.
     *
     * @param locks the template whose leases guard the mailboxes
     * @param store where frames, results and dead letters live
     * @return a builder to register the types on
     */
    public static MailboxesBuilder builder(LockOperations locks, MailboxStore store) {
        return new MailboxesBuilder(locks, store);
    }

    /**
     * Call a mailbox and wait for the call's own frame to run.
     *
     * @param type the registered mailbox type
     * @param id the entity id
     * @param payload the frame's payload
     * @return the handler's result
     * @throws MailboxException the handler's failure (as the cause); {@link RetryAttemptsExceededException} when an
     *     at-least-once frame used up its attempts; or why it was not enqueued ({@link MailboxFullException},
     *     {@link FrameTooLargeException}, {@link MailboxCycleException}) or not answered in time
     */
    public @Nullable String call(String type, Object id, String payload) {
        Registration registration = registration(type);
        LockKey mailbox = LockKey.of(type, id);
        Optional<MailboxContext> current = MailboxContext.current();
        if (current.isPresent() && current.get().mailbox().equals(mailbox)) {
            return MailboxCalls.inline(registration, current.get(), payload);
        }
        MailboxFrame frame = enqueue(registration, mailbox, current, payload);
        try {
            return await(registration, frame);
        } finally {
            localCalls.remove(frame.callId());
        }
    }

    /**
     * Call a mailbox without waiting: the frame is enqueued (or refused) on the calling thread, and the future
     * completes when it has run, as {@link #call} returns or throws.
     *
     * @param type the registered mailbox type
     * @param id the entity id
     * @param payload the frame's payload
     * @return the handler's result to come
     */
    public CompletableFuture<@Nullable String> callAsync(String type, Object id, String payload) {
        Registration registration = registration(type);
        LockKey mailbox = LockKey.of(type, id);
        Optional<MailboxContext> current = MailboxContext.current();
        if (current.isPresent() && current.get().mailbox().equals(mailbox)) {
            return CompletableFuture.completedFuture(MailboxCalls.inline(registration, current.get(), payload));
        }
        MailboxFrame frame = enqueue(registration, mailbox, current, payload);
        return executor.supply(() -> {
            try {
                return await(registration, frame);
            } finally {
                localCalls.remove(frame.callId());
            }
        });
    }

    /**
     * Run every frame queued in a mailbox, waiting for its lock if another caller holds it.
     *
     * @param type the registered mailbox type
     * @param id the entity id
     * @return the frames this call ran
     */
    public int drain(String type, Object id) {
        Registration registration = registration(type);
        LockKey mailbox = LockKey.of(type, id);
        long deadline = System.nanoTime() + callTimeout.toNanos();
        int ran = 0;
        while (store.depth(mailbox) > 0) {
            LockResult attempt = locks.tryAcquire(lockRequest(registration, mailbox));
            if (attempt instanceof LockResult.Acquired acquired) {
                ran += runner.drain(registration, mailbox, acquired.lease()).ran();
            } else {
                awaitChange(mailbox, null, deadline);
            }
        }
        return ran;
    }

    /**
     * Run the frames of every mailbox of a type that has work and is not locked now (a locked one is being run by
     * its holder).
     *
     * @param type the registered mailbox type
     * @return the frames this call ran
     */
    public int drainAll(String type) {
        Registration registration = registration(type);
        int ran = 0;
        for (LockKey mailbox : store.mailboxesWithWork(type, Integer.MAX_VALUE)) {
            if (locks.tryAcquire(lockRequest(registration, mailbox)) instanceof LockResult.Acquired acquired) {
                ran += runner.drain(registration, mailbox, acquired.lease()).ran();
            }
        }
        return ran;
    }

    /**
     * Return how many frames wait in a mailbox.
     *
     * @param type the mailbox type
     * @param id the entity id
     * @return the depth
     */
    public int depth(String type, Object id) {
        return store.depth(LockKey.of(type, id));
    }

    /**
     * List a mailbox's dead letters, oldest first.
     *
     * @param type the mailbox type
     * @param id the entity id
     * @return the dead letters
     */
    public List<DeadLetter> deadLetters(String type, Object id) {
        return store.deadLetters(LockKey.of(type, id));
    }

    /**
     * Move a dead letter back to the tail of its mailbox, to run again with its attempts reset.
     *
     * @param type the mailbox type
     * @param id the entity id
     * @param callId the dead letter's call id
     * @return {@code false} when there is no such dead letter
     */
    public boolean requeue(String type, Object id, String callId) {
        return store.requeue(LockKey.of(type, id), callId);
    }

    /**
     * Drop a dead letter for good.
     *
     * @param type the mailbox type
     * @param id the entity id
     * @param callId the dead letter's call id
     * @return {@code false} when there is no such dead letter
     */
    public boolean discard(String type, Object id, String callId) {
        return store.discard(LockKey.of(type, id), callId);
    }

    /**
     * Return what an operator reads of these mailboxes: types, summaries, mailboxes with work or dead letters, and who
     * runs a mailbox now.
     *
     * @return the inspector
     */
    public MailboxInspector inspector() {
        return new MailboxInspector(locks, store, types.keySet());
    }

    /** Stop the executor of {@link #callAsync} when this instance created it. */
    @Override
    public void close() {
        executor.close();
    }

    private Registration registration(String type) {
        Registration registration = types.get(type);
        if (registration == null) {
            throw new IllegalArgumentException(
                    "No handler is registered for mailbox type [" + type + "]; registered: " + types.keySet());
        }
        return registration;
    }

    private MailboxFrame enqueue(
            Registration registration, LockKey mailbox, Optional<MailboxContext> current, String payload) {
        List<LockKey> chain = current.map(MailboxContext::path).orElse(List.of());
        List<LockKey> held = MailboxContext.heldByThisThread();
        if (chain.contains(mailbox)) {
            throw new MailboxCycleException(chain, mailbox);
        }
        if (held.contains(mailbox)) {
            throw new MailboxCycleException(held, mailbox);
        }
        MailboxFrame frame =
                new MailboxFrame(UUID.randomUUID().toString(), mailbox, payload, chain, 0, clock.instant());
        MailboxSettings settings = registration.settings();
        int size = frame.size();
        if (size > settings.maxFrameSize()) {
            listener.onRefused(mailbox, MailboxListener.Refusal.TOO_LARGE);
            throw new FrameTooLargeException(mailbox, size, settings.maxFrameSize());
        }
        localCalls.add(frame.callId());
        if (!store.enqueue(frame, settings.maxDepth())) {
            localCalls.remove(frame.callId());
            listener.onRefused(mailbox, MailboxListener.Refusal.FULL);
            throw new MailboxFullException(mailbox, settings.maxDepth());
        }
        listener.onEnqueued(mailbox, frame.callId());
        return frame;
    }

    private @Nullable String await(Registration registration, MailboxFrame frame) {
        LockKey mailbox = frame.mailbox();
        long deadline = System.nanoTime() + callTimeout.toNanos();
        // Right after the enqueue the store holds no result yet worth a read: the lock attempt comes first, and a
        // result written meanwhile is seen by the drain's next read or the watch's first look. Nor after the watch
        // found the lock free: this caller took the release, so it tries the lock (a drain reads the result after).
        boolean readResult = false;
        while (true) {
            Optional<FrameResult> result = localCalls.result(frame.callId());
            if (result.isEmpty() && readResult) {
                result = store.result(mailbox, frame.callId());
            }
            if (result.isPresent()) {
                return answer(mailbox, frame.callId(), result.get());
            }
            LockResult attempt = locks.tryAcquire(lockRequest(registration, mailbox));
            if (attempt instanceof LockResult.Acquired acquired) {
                if (runner.drain(registration, mailbox, acquired.lease()).emptied()) {
                    return answer(mailbox, frame.callId(), resultOfGoneFrame(registration, frame));
                }
                readResult = true;
            } else {
                readResult = !(awaitChange(mailbox, frame.callId(), deadline) instanceof MailboxProbe.LockFree);
            }
        }
    }

    /**
     * Return the result of a frame that is no longer queued: this caller emptied its mailbox while holding the lock,
     * so the frame was run (by this drain or an earlier holder) or taken by a holder that stopped before writing its
     * result, and no later holder will run it. Without a result the caller fails now instead of trying the lock
     * again and again until its timeout. A result this instance wrote is taken from memory, not read back.
     */
    private FrameResult resultOfGoneFrame(Registration registration, MailboxFrame frame) {
        Optional<FrameResult> result =
                localCalls.result(frame.callId()).or(() -> store.result(frame.mailbox(), frame.callId()));
        if (result.isPresent()) {
            return result.get();
        }
        MailboxSettings settings = registration.settings();
        throw new MailboxException("Call [" + frame.callId() + "] in mailbox [" + frame.mailbox()
                + "] left the queue without a result: "
                + ((settings.mode() == DeliveryMode.AT_MOST_ONCE)
                        ? "its frame was taken by a holder that stopped before writing one (at most once: not run"
                                + " again)"
                        : "it expired before the caller read it")
                + " (setting 'resultTtl' is " + settings.resultTtl() + ")");
    }

    private @Nullable String answer(LockKey mailbox, String callId, FrameResult result) {
        if (result instanceof FrameResult.Failed failed) {
            throw FrameRunner.failure(mailbox, callId, failed, localCalls.failure(callId));
        }
        return ((FrameResult.Returned) result).payload();
    }

    /**
     * Wait until the call's result is written or the mailbox lock is free, through the store's watch, and return what
     * the watch found last.
     */
    private MailboxProbe awaitChange(LockKey mailbox, @Nullable String callId, long deadline) {
        try (MailboxWatch watch = store.watch(mailbox, callId)) {
            MailboxProbe probe = watch.next(Duration.ZERO);
            while (probe instanceof MailboxProbe.LockHeld held) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MailboxException("No answer from mailbox [" + mailbox + "] for "
                            + ((callId != null) ? "call [" + callId + "]" : "a drain") + " within " + callTimeout
                            + " (setting 'callTimeout'); queued frames stay queued");
                }
                probe = watch.next(Duration.ofNanos(Math.min(left, MailboxCalls.untilExpiry(held.remaining()))));
            }
            return probe;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MailboxException(
                    "Interrupted waiting for mailbox [" + mailbox + "] (call [" + callId + "]); the frame stays queued",
                    ex);
        }
    }

    private LockRequest lockRequest(Registration registration, LockKey mailbox) {
        return LockRequest.of(MailboxStore.lockKey(mailbox))
                .owner(locks.instanceId() + "/mailbox/" + UUID.randomUUID())
                .lease(registration.settings().lease())
                .autoRenew(true)
                .build();
    }
}
