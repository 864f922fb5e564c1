package dev.holdfast.lock.mailbox;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxListener.Outcome;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mailbox's frames, FIFO, while holding its lock: each one begun or taken, run, then completed or moved to the
 * dead letters, every store step fenced by the lease's token. Stops when the queue is empty or the lease is lost.
 */
final class FrameRunner {

    private static final Logger logger = LoggerFactory.getLogger(FrameRunner.class);

    /** A mailbox type as registered: its settings and handler. */
    record Registration(String type, MailboxSettings settings, FrameHandler handler) {}

    /**
     * The calls whose callers wait in this instance: a failure of their frame run here reaches them as the exception
     * itself, not as its type and message, and a result written here reaches them without reading it back from the
     * store.
     */
    static final class LocalCalls {

        private final Map<String, Local> waiting = new ConcurrentHashMap<>();

        void add(String callId) {
            waiting.put(callId, new Local(null, null));
        }

        /** Forget a call: its caller has its answer or gave up. */
        void remove(String callId) {
            waiting.remove(callId);
        }

        void failed(String callId, Throwable failure) {
            waiting.computeIfPresent(callId, (id, local) -> new Local(local.result(), failure));
        }

        /** Keep a result this instance wrote to the store, for a caller waiting here. */
        void written(String callId, FrameResult result) {
            waiting.computeIfPresent(callId, (id, local) -> new Local(result, local.failure()));
        }

        @Nullable
        Throwable failure(String callId) {
            Local local = waiting.get(callId);
            return (local != null) ? local.failure() : null;
        }

        /** Return the result this instance wrote for the call, if it did. */
        Optional<FrameResult> result(String callId) {
            Local local = waiting.get(callId);
            return (local != null) ? Optional.ofNullable(local.result()) : Optional.empty();
        }

        void discardFailure(String callId) {
            waiting.computeIfPresent(callId, (id, local) -> new Local(local.result(), null));
        }

        /** What this instance knows of a call waiting here: the result it wrote and the exception of its frame. */
        private record Local(
                @Nullable FrameResult result, @Nullable Throwable failure) {}
    }

    private final MailboxStore store;

    private final LocalCalls localCalls;

    private final MailboxListener listener;

    FrameRunner(MailboxStore store, LocalCalls localCalls, MailboxListener listener) {
        this.store = store;
        this.localCalls = localCalls;
        this.listener = listener;
    }

    /**
     * What a drain did.
     *
     * @param ran the frames run
     * @param emptied whether it found the mailbox empty while it held the lock (so no frame enqueued before the lock
     *     was taken is still queued), rather than losing the lease
     */
    record Drained(int ran, boolean emptied) {}

    /**
     * Run the mailbox's frames until it is empty or the lease is lost, then release the lease.
     *
     * @return the frames run, and whether the mailbox was left empty
     */
    Drained drain(Registration registration, LockKey mailbox, Lease lease) {
        int ran = 0;
        boolean emptied = false;
        try {
            while (lease.isHeld()) {
                Optional<MailboxFrame> head = store.head(mailbox);
                if (head.isEmpty()) {
                    emptied = true;
                    break;
                }
                if (!runHead(registration, head.get(), lease)) {
                    break;
                }
                ran++;
            }
        } finally {
            lease.release();
        }
        return new Drained(ran, emptied);
    }

    /** Run the head frame; {@code false} when the lease no longer fences the mailbox, so the run stops. */
    private boolean runHead(Registration registration, MailboxFrame head, Lease lease) {
        MailboxSettings settings = registration.settings();
        LockKey mailbox = head.mailbox();
        long token = lease.token();
        Optional<FrameResult> earlier = store.result(mailbox, head.callId());
        if (earlier.isPresent()) {
            logger.debug(
                    "Frame [{}] of mailbox [{}] already has a result: removed without running", head.callId(), mailbox);
            return written(
                    store.complete(mailbox, head.callId(), token, earlier.get(), settings.resultTtl()),
                    head,
                    earlier.get());
        }
        if (settings.mode() == DeliveryMode.AT_MOST_ONCE) {
            Optional<MailboxFrame> taken = store.take(mailbox, head.callId(), token);
            if (taken.isEmpty()) {
                return false;
            }
            Run run = invoke(registration, taken.get(), token, false, false);
            written(
                    store.complete(mailbox, head.callId(), token, run.result(), settings.resultTtl()),
                    head,
                    run.result());
            finished(
                    run,
                    (run.result() instanceof FrameResult.Failed) ? Outcome.FAILED_AT_MOST_ONCE : Outcome.SUCCEEDED);
            return true;
        }
        boolean first = true;
        while (true) {
            Optional<MailboxFrame> begun = store.begin(mailbox, head.callId(), token);
            if (begun.isEmpty()) {
                return false;
            }
            boolean last = begun.get().attempts() >= settings.maxAttempts();
            // Begun before, but not by this loop: an earlier holder stopped mid-frame
            boolean redelivered = first && begun.get().attempts() > 1;
            first = false;
            Run run = invoke(registration, begun.get(), token, last, redelivered);
            if (run.result() instanceof FrameResult.Failed failed) {
                if (last) {
                    logger.warn(
                            "Frame [{}] of mailbox [{}] failed {} attempt(s): moved to the dead letters ({})",
                            head.callId(),
                            mailbox,
                            failed.attempts(),
                            failed.describe());
                    boolean buried = settled(
                            store.deadLetter(mailbox, head.callId(), token, failed, settings.resultTtl()),
                            head,
                            failed);
                    finished(run, buried ? Outcome.DEAD_LETTERED : Outcome.FAILED_WILL_RETRY);
                    return buried;
                }
                finished(run, Outcome.FAILED_WILL_RETRY);
                if (!pause(settings, mailbox) || !lease.isHeld()) {
                    return false;
                }
                continue;
            }
            finished(run, Outcome.SUCCEEDED);
            return settled(
                    store.complete(mailbox, head.callId(), token, run.result(), settings.resultTtl()),
                    head,
                    run.result());
        }
    }

    private void finished(Run run, Outcome outcome) {
        listener.onFrameFinished(run.context(), outcome, run.duration());
    }

    private boolean settled(boolean written, MailboxFrame frame, FrameResult result) {
        if (!written) {
            // Fenced out: the next holder runs the frame again, and its caller gets that run's result.
            localCalls.discardFailure(frame.callId());
        }
        return written(written, frame, result);
    }

    /** Hand a result the store took to the frame's caller if it waits here, saving it a read of the store. */
    private boolean written(boolean written, MailboxFrame frame, FrameResult result) {
        if (written) {
            localCalls.written(frame.callId(), result);
        }
        return written;
    }

    private Run invoke(Registration registration, MailboxFrame frame, long token, boolean last, boolean redelivered) {
        MailboxContext context =
                new MailboxContext(frame.mailbox(), frame.callId(), token, frame.attempts(), frame.chain());
        if (redelivered) {
            listener.onRedelivered(context);
        }
        listener.onFrameStarted(context);
        long started = System.nanoTime();
        FrameResult result = run(registration, frame, context, last);
        return new Run(context, result, Duration.ofNanos(System.nanoTime() - started));
    }

    private FrameResult run(Registration registration, MailboxFrame frame, MailboxContext context, boolean last) {
        MailboxContext.push(context);
        try {
            return new FrameResult.Returned(registration.handler().handle(frame.payload()));
        } catch (Exception ex) {
            boolean deadLettered = last && registration.settings().mode() == DeliveryMode.AT_LEAST_ONCE;
            logger.debug(
                    "Frame [{}] of mailbox [{}] failed (attempt {})",
                    frame.callId(),
                    frame.mailbox(),
                    frame.attempts(),
                    ex);
            localCalls.failed(frame.callId(), ex);
            return new FrameResult.Failed(ex.getClass().getName(), ex.getMessage(), frame.attempts(), deadLettered);
        } finally {
            MailboxContext.pop();
        }
    }

    /** One run of a frame: its context, result and how long the handler took. */
    private record Run(MailboxContext context, FrameResult result, Duration duration) {}

    /** Wait out the backoff before the next attempt; {@code false} when interrupted (the flag is kept). */
    private static boolean pause(MailboxSettings settings, LockKey mailbox) {
        if (settings.backoff().isZero()) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(settings.backoff().toNanos());
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.debug("Interrupted between attempts of a frame of mailbox [{}]", mailbox);
            return false;
        }
    }

    /** Return the exception a caller gets for a failed result. */
    static MailboxException failure(
            LockKey mailbox, String callId, FrameResult.Failed failed, @Nullable Throwable local) {
        Throwable cause = (local != null) ? local : new RemoteFrameFailure(failed.exceptionType(), failed.describe());
        if (failed.deadLettered()) {
            return new RetryAttemptsExceededException(mailbox, callId, failed.attempts(), cause);
        }
        return new MailboxException(
                "Call [" + callId + "] in mailbox [" + mailbox + "] failed: " + failed.describe(), cause);
    }
}
