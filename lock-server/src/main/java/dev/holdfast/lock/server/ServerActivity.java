package dev.holdfast.lock.server;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What happens on this server instance, as a feed and as running totals: the source of the dashboard's live view.
 *
 * <p>Fed by the API (every grant, refusal, release, lost lease and session change the server decides) and, as a
 * {@link LockListener} registered with the starter's {@code LockTemplate}, by what the template sees in this process.
 * Subscribers ({@link #subscribe}) receive each {@link Activity} on the thread that caused it, so they must be quick
 * and must not throw (a throwing subscriber is dropped). Hand-off latency is the time from a release through this
 * server to the grant of a request that was waiting for the same lock here. Thread-safe.
 */
@Component
public class ServerActivity implements LockListener {

    private final Map<Kind, LongAdder> totals = new ConcurrentHashMap<>();

    private final Map<LockKey, AtomicInteger> waiters = new ConcurrentHashMap<>();

    private final Map<LockKey, Long> releasedAt = new ConcurrentHashMap<>();

    private final CopyOnWriteArrayList<Consumer<Activity>> subscribers = new CopyOnWriteArrayList<>();

    /** What an activity is. */
    public enum Kind {
        /** A lock or permits were granted. */
        GRANTED,
        /** A request was refused, or not granted within its wait. */
        REFUSED,
        /** A hold was released by its owner. */
        RELEASED,
        /** A lease was found lost: renew refused, or its session ended without releasing. */
        LOST,
        /** An administrator force-released a lock. */
        FORCE_RELEASED,
        /** A session was opened. */
        SESSION_OPENED,
        /** A session was closed by its client. */
        SESSION_CLOSED,
        /** A session's keepalives stopped and the server ended it. */
        SESSION_EXPIRED,
        /** A request started to wait. */
        WAITING
    }

    /**
     * One thing that happened.
     *
     * @param kind what happened
     * @param target {@code namespace/id} of the lock or semaphore, or the session id
     * @param owner the owner the store sees, or {@code null}
     * @param token the fencing token, or 0
     * @param handoff for a grant to a waiter after a release through this server: the time since that release;
     *     otherwise {@code null}
     * @param atMillis when it happened, epoch milliseconds of this server's clock
     */
    public record Activity(
            Kind kind,
            String target,
            @Nullable String owner,
            long token,
            @Nullable Duration handoff,
            long atMillis) {}

    /**
     * Subscribe to every activity from now on.
     *
     * @param subscriber called on the thread that caused each activity
     * @return a handle whose {@code run()} unsubscribes
     */
    public Runnable subscribe(Consumer<Activity> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Return how many activities of a kind happened since the server started.
     *
     * @param kind the kind
     * @return the count
     */
    public long total(Kind kind) {
        LongAdder adder = totals.get(kind);
        return (adder != null) ? adder.sum() : 0;
    }

    /**
     * Return how many requests wait for a lock or semaphore on this instance.
     *
     * @param key the lock or semaphore
     * @return the number of waiting requests
     */
    public int waiters(LockKey key) {
        AtomicInteger count = waiters.get(key);
        return (count != null) ? count.get() : 0;
    }

    /**
     * Return how many requests wait on this instance, by lock or semaphore.
     *
     * @return a snapshot of the waiter counts
     */
    public Map<LockKey, Integer> waiters() {
        Map<LockKey, Integer> snapshot = new ConcurrentHashMap<>();
        waiters.forEach((key, count) -> {
            if (count.get() > 0) {
                snapshot.put(key, count.get());
            }
        });
        return snapshot;
    }

    /**
     * Record that a request starts to wait.
     *
     * @param key the lock or semaphore
     * @param owner the owner the store sees
     */
    public void waiting(LockKey key, String owner) {
        waiters.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
        publish(Kind.WAITING, target(key), owner, 0, null);
    }

    /**
     * Record that a request stopped waiting, granted or not.
     *
     * @param key the lock or semaphore
     */
    public void doneWaiting(LockKey key) {
        waiters.computeIfPresent(key, (k, count) -> (count.decrementAndGet() <= 0) ? null : count);
    }

    /**
     * Record a grant.
     *
     * @param key the lock or semaphore
     * @param owner the owner the store sees
     * @param token the fencing token
     * @param waited whether the request waited for it
     */
    public void granted(LockKey key, String owner, long token, boolean waited) {
        Long released = waited ? releasedAt.get(key) : null;
        Duration handoff = (released != null) ? Duration.ofNanos(System.nanoTime() - released) : null;
        publish(Kind.GRANTED, target(key), owner, token, handoff);
    }

    /**
     * Record something that happened to a lock, a semaphore or a session.
     *
     * @param kind what happened
     * @param target {@code namespace/id} or the session id
     * @param owner the owner the store sees, or {@code null}
     * @param token the fencing token, or 0
     */
    public void record(Kind kind, String target, @Nullable String owner, long token) {
        publish(kind, target, owner, token, null);
    }

    /**
     * Record that a release by its owner is about to be sent to the store: the start of a hand-off, marked before the
     * store call because a waiter's grant may arrive before that call returns.
     *
     * @param key the lock or semaphore
     */
    public void releasing(LockKey key) {
        if (waiters(key) > 0) {
            releasedAt.put(key, System.nanoTime());
        } else {
            releasedAt.remove(key);
        }
    }

    /**
     * Record a release by its owner, after the store confirmed it ({@link #releasing} marked its start).
     *
     * @param key the lock or semaphore
     * @param owner the owner the store sees
     * @param token the fencing token
     */
    public void released(LockKey key, String owner, long token) {
        publish(Kind.RELEASED, target(key), owner, token, null);
    }

    /**
     * Forget the start of a release the store refused: no hand-off began.
     *
     * @param key the lock or semaphore
     */
    public void releaseRefused(LockKey key) {
        releasedAt.remove(key);
    }

    @Override
    public void onLost(LockEvent event) {
        publish(Kind.LOST, target(event.key()), event.owner(), event.token(), null);
    }

    /**
     * Return {@code namespace/id}, the form the API names locks by.
     *
     * @param key the lock
     * @return the name
     */
    public static String target(LockKey key) {
        return key.namespace() + "/" + key.id();
    }

    private void publish(Kind kind, String target, @Nullable String owner, long token, @Nullable Duration handoff) {
        totals.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
        if (subscribers.isEmpty()) {
            return;
        }
        Activity activity = new Activity(kind, target, owner, token, handoff, System.currentTimeMillis());
        for (Consumer<Activity> subscriber : subscribers) {
            try {
                subscriber.accept(activity);
            } catch (RuntimeException ex) {
                subscribers.remove(subscriber);
            }
        }
    }
}
