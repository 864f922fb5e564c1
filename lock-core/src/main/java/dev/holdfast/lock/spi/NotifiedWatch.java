package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A waiter's watch in a {@link WaiterRegistry}, for any kind of request (a lock, permits): parked until a release wakes
 * it, then it asks once.
 *
 * <p>When the store can ask asynchronously, the thread that hears the release sends the waiter's request at once
 * and the waiter wakes with the answer; the answer keeps the moment the request was sent. Whether that request or the
 * waiter's own is on its way is decided under this watch's monitor, so the two never race (which would count a
 * second hold). A grant that arrives after the waiter left is given back, and a refusal's queue place dropped. An
 * asynchronous waiter ({@link #nextAsync}) waits on a signal and a timer instead of a parked thread.
 *
 * @param <O> the store's answer to the waiter's request
 */
final class NotifiedWatch<O> {

    private static final Logger logger = LoggerFactory.getLogger(NotifiedWatch.class);

    /**
     * How a watch asks the store on its waiter's behalf, and how it reads the answers.
     *
     * @param <O> the store's answer
     */
    interface Calls<O> {

        /** Ask once, on the calling thread. */
        O ask(boolean othersWait);

        /** Send the request without waiting, or return {@code null} when the store only asks synchronously. */
        @Nullable
        CompletableFuture<O> askAsync(boolean othersWait);

        /** Return whether an answer is a grant. */
        boolean granted(O outcome);

        /**
         * Settle an answer to a request sent for a waiter that no longer waits: give back a grant, drop the queue place
         * a refusal took.
         */
        void abandon(O outcome);
    }

    /**
     * An answer and the moment its request was sent.
     *
     * @param <O> the store's answer
     */
    record Answer<O>(O outcome, long askedNanos) {}

    private static final long FIRST_POLL_NANOS = Duration.ofMillis(10).toNanos();

    private static final long MAX_POLL_NANOS = Duration.ofMillis(500).toNanos();

    private final WaiterRegistry registry;

    private final String lock;

    private final Calls<O> calls;

    private volatile @Nullable Thread parked;

    /** What an asynchronous waiter waits on: completed where a parked waiter is unparked. */
    private volatile @Nullable CompletableFuture<@Nullable Void> signal;

    /** What a parked waiter is blocked on, as {@link LockSupport#getBlocker} shows it: the store's watch. */
    private volatile Object blocker = this;

    private long pollNanos = FIRST_POLL_NANOS;

    // Guarded by this.
    private boolean woken;

    private @Nullable CompletableFuture<@Nullable Answer<O>> sent;

    private boolean asking;

    private boolean closed;

    /** Whether a release was handed to this watch since its last ask. */
    private boolean releaseTaken;

    /** The call whose result this watch waits for (a mailbox caller's), or {@code null}. */
    private final @Nullable String call;

    NotifiedWatch(WaiterRegistry registry, String lock, Calls<O> calls) {
        this(registry, lock, null, calls);
    }

    NotifiedWatch(WaiterRegistry registry, String lock, @Nullable String call, Calls<O> calls) {
        this.registry = registry;
        this.lock = lock;
        this.call = call;
        this.calls = calls;
    }

    /** Return whether this watch waits for the result of a call. */
    boolean waitsFor(String callId) {
        return callId.equals(call);
    }

    /** Show the watch the waiter holds (the lock's or the permits') as what a parked waiter is blocked on. */
    void blockedOn(Object watch) {
        this.blocker = watch;
    }

    String lock() {
        return lock;
    }

    /**
     * Take a release: send the waiter's request now if the store can, else wake the waiter to send it.
     *
     * @return {@code false} when this watch cannot take it (closed, or a grant already waits for its waiter), so the
     *     release goes to the next watch
     */
    boolean wake() {
        CompletableFuture<O> request;
        long asked;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (sent != null) {
                if (!sent.isDone()) {
                    // Sent before this release: it may be refused, so the waiter asks again after taking its answer.
                    woken = true;
                    return true;
                }
                Answer<O> ready = sent.getNow(null);
                if (ready != null && calls.granted(ready.outcome())) {
                    return false;
                }
                sent = null;
            }
            releaseTaken = true;
            if (asking) {
                woken = true;
                return true;
            }
            asked = System.nanoTime();
            request = calls.askAsync(registry.waiting(lock) > 1);
            if (request == null) {
                woken = true;
            } else {
                woken = false;
                sent = request.handle((outcome, ex) -> {
                    if (ex != null) {
                        logger.debug("Request sent for a waiter of [{}] on release failed", lock, ex);
                        return null;
                    }
                    return new Answer<>(outcome, asked);
                });
            }
        }
        CompletableFuture<@Nullable Answer<O>> pending;
        synchronized (this) {
            pending = sent;
        }
        if (pending != null) {
            pending.whenComplete((attempt, ex) -> unpark());
        } else {
            unpark();
        }
        return true;
    }

    /**
     * Return whether a release was handed to this watch since the last call, and forget it: asked just before the
     * waiter looks, so that a waiter leaving without acting on the release it took can pass it on.
     */
    synchronized boolean takeRelease() {
        boolean taken = releaseTaken;
        releaseTaken = false;
        return taken;
    }

    /** Wake the waiter to ask again at once, whatever it waits for. */
    void recheck() {
        synchronized (this) {
            if (closed) {
                return;
            }
            woken = true;
        }
        unpark();
    }

    /**
     * Wait until the lock may have come free or {@code max} has passed, then ask once (see {@link LockWatch#next}).
     */
    Answer<O> next(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + bound(max);
        while (true) {
            CompletableFuture<@Nullable Answer<O>> pending;
            synchronized (this) {
                pending = sent;
                if (pending != null && pending.isDone()) {
                    sent = null;
                    Answer<O> ready = pending.getNow(null);
                    if (ready != null) {
                        return ready;
                    }
                    woken = true;
                    pending = null;
                }
                if (pending == null && (woken || deadline - System.nanoTime() <= 0)) {
                    woken = false;
                    asking = true;
                    break;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (pending != null) {
                try {
                    pending.get();
                } catch (ExecutionException ex) {
                    // handled: the future completes with null on failure
                }
            } else {
                parked = Thread.currentThread();
                try {
                    long left = deadline - System.nanoTime();
                    if (left > 0 && !isWoken()) {
                        LockSupport.parkNanos(blocker, left);
                    }
                } finally {
                    parked = null;
                }
            }
        }
        try {
            long asked = System.nanoTime();
            return new Answer<>(calls.ask(registry.waiting(lock) > 1), asked);
        } finally {
            synchronized (this) {
                asking = false;
            }
        }
    }

    /**
     * Wait as {@link #next} does without parking a thread: on a signal that a release completes, and on a timer; the
     * request goes out asynchronously when the store can, else on {@code offload}. A closed watch cancels the answer.
     */
    CompletableFuture<Answer<O>> nextAsync(Duration max, Executor offload) {
        CompletableFuture<Answer<O>> answer = new CompletableFuture<>();
        stepAsync(System.nanoTime() + bound(max), offload, answer);
        return answer;
    }

    private void stepAsync(long deadline, Executor offload, CompletableFuture<Answer<O>> answer) {
        CompletableFuture<?> wait;
        synchronized (this) {
            if (closed) {
                answer.completeExceptionally(new CancellationException("Watch of [" + lock + "] closed"));
                return;
            }
            CompletableFuture<@Nullable Answer<O>> pending = sent;
            if (pending != null && pending.isDone()) {
                sent = null;
                Answer<O> ready = pending.getNow(null);
                if (ready != null) {
                    answer.complete(ready);
                    return;
                }
                woken = true;
                pending = null;
            }
            long left = deadline - System.nanoTime();
            if (pending == null && (woken || left <= 0)) {
                woken = false;
                asking = true;
                wait = null;
            } else if (pending != null) {
                wait = pending;
            } else {
                CompletableFuture<@Nullable Void> next = new CompletableFuture<>();
                signal = next;
                wait = next.completeOnTimeout(null, left, TimeUnit.NANOSECONDS);
            }
        }
        if (wait != null) {
            wait.whenCompleteAsync((ignored, ex) -> stepAsync(deadline, offload, answer), offload);
            return;
        }
        long asked = System.nanoTime();
        boolean othersWait = registry.waiting(lock) > 1;
        CompletableFuture<O> request;
        try {
            request = calls.askAsync(othersWait);
        } catch (RuntimeException ex) {
            request = CompletableFuture.failedFuture(ex);
        }
        if (request == null) {
            request = CompletableFuture.supplyAsync(() -> calls.ask(othersWait), offload);
        }
        request.whenComplete((outcome, ex) -> {
            synchronized (this) {
                asking = false;
            }
            if (ex != null) {
                answer.completeExceptionally(ex);
            } else {
                answer.complete(new Answer<>(outcome, asked));
            }
        });
    }

    /**
     * Stop waiting, settling a request still on its way for the waiter (a grant not handed out is given back, a queue
     * place a refusal took is dropped).
     */
    void close() {
        close(false);
    }

    /**
     * Stop waiting as {@link #close()} does, passing a release on to the next watch of the lock when
     * {@code passRelease} (the waiter took a release and leaves without acting on it).
     */
    void close(boolean passRelease) {
        CompletableFuture<@Nullable Answer<O>> pending;
        boolean passOn;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending = sent;
            sent = null;
            passOn = (woken && pending == null) || passRelease;
        }
        // A waiter woken for a release it never acted on passes the wake-up on.
        registry.remove(this, passOn);
        unpark();
        if (pending != null) {
            pending.thenAccept((answer) -> {
                if (answer != null) {
                    calls.abandon(answer.outcome());
                }
            });
        }
    }

    private synchronized boolean isWoken() {
        return woken || (sent != null && sent.isDone());
    }

    /** Cap a wait: by the re-check interval while notified, by a growing poll interval while not. */
    private long bound(Duration max) {
        long wanted = max.toNanos();
        if (registry.notifying()) {
            pollNanos = FIRST_POLL_NANOS;
            return Math.min(wanted, registry.recheck().toNanos());
        }
        long jittered = pollNanos / 2 + ThreadLocalRandom.current().nextLong(pollNanos / 2 + 1);
        pollNanos = Math.min(pollNanos * 2, MAX_POLL_NANOS);
        return Math.min(wanted, jittered);
    }

    private void unpark() {
        CompletableFuture<@Nullable Void> waiting = signal;
        if (waiting != null) {
            waiting.complete(null);
        }
        Thread waiter = parked;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }
}
