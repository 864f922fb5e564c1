package dev.holdfast.lock.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The waiters of one store that is told of releases (Redis pub/sub, PostgreSQL {@code LISTEN/NOTIFY}, memory): one
 * queue of {@link LockWatch watches} per lock (or per mailbox), in arrival order.
 *
 * <p>A release wakes one waiter of the lock, the longest waiting that takes it ({@link #released(String)}), not all
 * of them: N waiters in one application cost one request per release. A watch that is woken and leaves without
 * acting on it passes the wake-up on. Each wait is capped by a re-check interval, in case a notification was lost;
 * while the store says its notifications are down, watches poll with backoff (10 ms doubling to 500 ms) instead.
 *
 * <p>Thread-safe: the notification thread calls {@link #released}, waiters call their watches.
 */
public final class WaiterRegistry {

    private final Map<String, Queue<NotifiedWatch<?>>> waiters = new ConcurrentHashMap<>();

    private final Duration recheck;

    private final BooleanSupplier notifying;

    /**
     * Create a registry.
     *
     * @param recheck the longest a waiter waits without a notification before asking anyway
     * @param notifying whether the store's notifications arrive now; when not, waiters poll
     */
    public WaiterRegistry(Duration recheck, BooleanSupplier notifying) {
        this.recheck = recheck;
        this.notifying = notifying;
    }

    /**
     * Open a watch for a waiter whose command was refused.
     *
     * @param lock the lock's name in the store's notifications
     * @param command the waiter's command
     * @param calls how to ask the store on the waiter's behalf
     * @return the watch, registered until closed
     */
    public LockWatch watch(String lock, AcquireCommand command, WaiterCalls calls) {
        NotifiedWatch<AcquireOutcome> watch = register(
                lock,
                (othersWait) -> calls.acquire(command, othersWait),
                (othersWait) -> calls.acquireAsync(command, othersWait),
                (outcome) -> outcome instanceof AcquireOutcome.Granted,
                (outcome) -> {
                    if (outcome instanceof AcquireOutcome.Granted granted) {
                        calls.releaseUnclaimed(command, granted);
                    }
                });
        LockWatch lockWatch = new LockWatch() {
            @Override
            public AcquireAttempt next(Duration max) throws InterruptedException {
                NotifiedWatch.Answer<AcquireOutcome> answer = watch.next(max);
                return new AcquireAttempt(answer.outcome(), answer.askedNanos());
            }

            @Override
            public CompletableFuture<AcquireAttempt> nextAsync(Duration max, Executor offload) {
                return watch.nextAsync(max, offload)
                        .thenApply((answer) -> new AcquireAttempt(answer.outcome(), answer.askedNanos()));
            }

            @Override
            public void close() {
                watch.close();
            }
        };
        watch.blockedOn(lockWatch);
        return lockWatch;
    }

    /**
     * Open a watch for a waiter whose permit command was refused.
     *
     * @param semaphore the semaphore's name in the store's notifications
     * @param command the waiter's command
     * @param calls how to ask the store on the waiter's behalf
     * @return the watch, registered until closed
     */
    public PermitWatch watchPermits(String semaphore, PermitCommand command, PermitWaiterCalls calls) {
        NotifiedWatch<PermitOutcome> watch = register(
                semaphore,
                (othersWait) -> calls.acquire(command, othersWait),
                (othersWait) -> calls.acquireAsync(command, othersWait),
                (outcome) -> outcome instanceof PermitOutcome.Granted,
                (outcome) -> {
                    if (outcome instanceof PermitOutcome.Granted granted) {
                        calls.releaseUnclaimed(command, granted);
                    } else if (outcome instanceof PermitOutcome.Refused) {
                        calls.leaveUnclaimed(command);
                    }
                });
        PermitWatch permitWatch = new PermitWatch() {
            @Override
            public PermitAttempt next(Duration max) throws InterruptedException {
                NotifiedWatch.Answer<PermitOutcome> answer = watch.next(max);
                return new PermitAttempt(answer.outcome(), answer.askedNanos());
            }

            @Override
            public CompletableFuture<PermitAttempt> nextAsync(Duration max, Executor offload) {
                return watch.nextAsync(max, offload)
                        .thenApply((answer) -> new PermitAttempt(answer.outcome(), answer.askedNanos()));
            }

            @Override
            public void close() {
                watch.close();
            }
        };
        watch.blockedOn(permitWatch);
        return permitWatch;
    }

    /**
     * Open a watch for a caller of a mailbox: woken by the result of its own call ({@link #resultWritten}) and, one
     * caller at a time, by a release of the mailbox's lock ({@link #released(String)} under the mailbox's name). A
     * caller that took a release and leaves without trying the lock (its result was there) passes the release on.
     *
     * @param mailbox the mailbox's name in the store's notifications
     * @param callId the caller's call id, or {@code null} for a drain, which waits for the lock only
     * @param probe how to look at the store on the caller's behalf
     * @return the watch, registered until closed
     */
    public MailboxWatch watchMailbox(String mailbox, @Nullable String callId, Supplier<MailboxProbe> probe) {
        MailboxLook look = new MailboxLook(probe);
        NotifiedWatch<MailboxProbe> watch = new NotifiedWatch<>(this, mailbox, callId, look);
        look.watch = watch;
        waiters.computeIfAbsent(mailbox, (name) -> new ConcurrentLinkedQueue<>())
                .add(watch);
        MailboxWatch mailboxWatch = new MailboxWatch() {
            @Override
            public MailboxProbe next(Duration max) throws InterruptedException {
                return watch.next(max).outcome();
            }

            @Override
            public void close() {
                watch.close(look.leavesRelease());
            }
        };
        watch.blockedOn(mailboxWatch);
        return mailboxWatch;
    }

    /** How a mailbox caller's watch looks, remembering whether it took a release it has not acted on. */
    private static final class MailboxLook implements NotifiedWatch.Calls<MailboxProbe> {

        private final Supplier<MailboxProbe> probe;

        private @Nullable NotifiedWatch<MailboxProbe> watch;

        // Read and written by the waiter's thread only.
        private boolean tookRelease;

        private @Nullable MailboxProbe last;

        MailboxLook(Supplier<MailboxProbe> probe) {
            this.probe = probe;
        }

        @Override
        public MailboxProbe ask(boolean othersWait) {
            NotifiedWatch<MailboxProbe> owner = watch;
            tookRelease |= owner != null && owner.takeRelease();
            MailboxProbe found = probe.get();
            if (found instanceof MailboxProbe.LockFree) {
                // The caller tries the lock next: the release is acted on.
                tookRelease = false;
            }
            last = found;
            return found;
        }

        @Override
        public @Nullable CompletableFuture<MailboxProbe> askAsync(boolean othersWait) {
            return null;
        }

        @Override
        public boolean granted(MailboxProbe outcome) {
            return false;
        }

        @Override
        public void abandon(MailboxProbe outcome) {}

        /** Return whether the caller leaves holding a release it did not act on (so it goes to the next caller). */
        boolean leavesRelease() {
            return tookRelease && !(last instanceof MailboxProbe.LockFree);
        }
    }

    private <O> NotifiedWatch<O> register(
            String lock,
            Function<Boolean, O> ask,
            Function<Boolean, @Nullable CompletableFuture<O>> askAsync,
            Predicate<O> granted,
            Consumer<O> abandon) {
        return register(lock, new NotifiedWatch.Calls<>() {
            @Override
            public O ask(boolean othersWait) {
                return ask.apply(othersWait);
            }

            @Override
            public @Nullable CompletableFuture<O> askAsync(boolean othersWait) {
                return askAsync.apply(othersWait);
            }

            @Override
            public boolean granted(O outcome) {
                return granted.test(outcome);
            }

            @Override
            public void abandon(O outcome) {
                abandon.accept(outcome);
            }
        });
    }

    private <O> NotifiedWatch<O> register(String lock, NotifiedWatch.Calls<O> calls) {
        NotifiedWatch<O> watch = new NotifiedWatch<>(this, lock, calls);
        waiters.computeIfAbsent(lock, (name) -> new ConcurrentLinkedQueue<>()).add(watch);
        return watch;
    }

    /**
     * Tell the waiters of a lock that it was released (or expired, preempted, claimed): the longest waiting watch
     * that takes the wake-up asks again.
     *
     * @param lock the lock's name in the store's notifications
     */
    public void released(String lock) {
        Queue<NotifiedWatch<?>> queue = waiters.get(lock);
        if (queue != null) {
            for (NotifiedWatch<?> watch : queue) {
                if (watch.wake()) {
                    return;
                }
            }
        }
    }

    /**
     * Tell every waiter of a semaphore or read/write lock that permits came back: unlike a lock, a release may let
     * several waiters in at once (readers, or smaller requests), so each of them asks again.
     *
     * @param semaphore the semaphore's name in the store's notifications
     */
    public void releasedAll(String semaphore) {
        Queue<NotifiedWatch<?>> queue = waiters.get(semaphore);
        if (queue != null) {
            queue.forEach(NotifiedWatch::recheck);
        }
    }

    /**
     * Tell the callers of a mailbox that a call's result was written: only the watch waiting for that call looks.
     *
     * @param mailbox the mailbox's name in the store's notifications
     * @param callId the call whose result was written
     */
    public void resultWritten(String mailbox, String callId) {
        Queue<NotifiedWatch<?>> queue = waiters.get(mailbox);
        if (queue != null) {
            for (NotifiedWatch<?> watch : queue) {
                if (watch.waitsFor(callId)) {
                    watch.recheck();
                }
            }
        }
    }

    /** Wake every waiter to ask again at once: the store's notifications failed and some may have been lost. */
    public void wakeAll() {
        waiters.values().forEach((queue) -> queue.forEach(NotifiedWatch::recheck));
    }

    /**
     * Return how many of this store's waiters wait for a lock.
     *
     * @param lock the lock's name in the store's notifications
     * @return the open watches on it
     */
    public int waiting(String lock) {
        Queue<NotifiedWatch<?>> queue = waiters.get(lock);
        return (queue != null) ? queue.size() : 0;
    }

    /**
     * Return how many watches are open.
     *
     * @return the open watches
     */
    public int size() {
        return waiters.values().stream().mapToInt(Queue::size).sum();
    }

    /**
     * Return whether no watch is open.
     *
     * @return {@code true} when nobody waits
     */
    public boolean isEmpty() {
        return waiters.isEmpty();
    }

    Duration recheck() {
        return recheck;
    }

    boolean notifying() {
        return notifying.getAsBoolean();
    }

    void remove(NotifiedWatch<?> watch, boolean passWakeOn) {
        @Nullable
        Queue<NotifiedWatch<?>> queue = waiters.computeIfPresent(watch.lock(), (name, watches) -> {
            watches.remove(watch);
            return watches.isEmpty() ? null : watches;
        });
        if (passWakeOn && queue != null) {
            released(watch.lock());
        }
    }
}
