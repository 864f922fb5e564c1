package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.server.MonotonicClock;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Sessions, as etcd and Consul have them: a TTL kept alive by one call that renews every hold attached (in one batch
 * per kind of store call), closed by the client (every hold released), or ended by the server when keepalives stop
 * for the TTL (measured on this instance's monotonic clock): then every hold is released at once, except those asked
 * with a lock-delay, whose lease is cut to that delay so the lost holder's work drains before anyone else gets in.
 * The holds' store leases equal the TTL (plus the lock-delay), so when this instance dies the store frees them by
 * itself that long after the last keepalive.
 * Sessions live in this instance's memory: another instance answers 404 for them. Thread-safe.
 */
final class Sessions {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final Map<HoldId, Session> byHold = new ConcurrentHashMap<>();

    private final Holds holds;

    private final Executor offload;

    private final ServerActivity activity;

    private final Clock clock;

    private final MonotonicClock ticker;

    Sessions(Holds holds, Executor offload, ServerActivity activity, Clock clock, MonotonicClock ticker) {
        this.holds = holds;
        this.ticker = ticker;
        this.offload = offload;
        this.activity = activity;
        this.clock = clock;
    }

    /** A hold by lock, owner and token, whatever its mode. */
    private record HoldId(LockKey key, String owner, long token) {

        static HoldId of(Hold hold) {
            return new HoldId(hold.key(), hold.owner(), hold.token());
        }
    }

    /** One session: its client, TTL, last keepalive on the monotonic clock, and the holds attached. */
    static final class Session {

        final String id;

        final String client;

        final Duration ttl;

        final Set<Hold> holds = ConcurrentHashMap.newKeySet();

        volatile long keptAliveNanos;

        volatile boolean ended;

        Session(String id, String client, Duration ttl, long now) {
            this.id = id;
            this.client = client;
            this.ttl = ttl;
            this.keptAliveNanos = now;
        }

        /**
         * Return the lease a hold of this session has in the store: the TTL, and the hold's lock-delay on top, so that
         * the hold outlives the session's end by that delay even when this server instance is gone.
         */
        Duration storeLease(Hold hold) {
            return ttl.plus(hold.lockDelay());
        }

        boolean expired(long now) {
            return now - keptAliveNanos > ttl.toNanos();
        }
    }

    /**
     * A session as the API shows it.
     *
     * @param session the id
     * @param ttlMs the TTL
     * @param deadline when it ends without a keepalive, epoch milliseconds
     * @param remainingMs how long until then
     * @param holds how many holds are attached
     */
    record View(String session, long ttlMs, long deadline, long remainingMs, int holds) {}

    Session open(String client, @Nullable Long ttlMs) {
        Duration ttl = Duration.ofMillis((ttlMs != null) ? ttlMs : 10_000);
        if (ttl.compareTo(Duration.ofMillis(100)) < 0 || ttl.compareTo(LockRequest.MAX_LEASE) > 0) {
            throw ServerProblem.badRequest(
                    "Session ttlMs must be from 100 to " + LockRequest.MAX_LEASE.toMillis() + ", but was " + ttlMs);
        }
        Session session = new Session(UUID.randomUUID().toString(), client, ttl, ticker.nanoTime());
        sessions.put(session.id, session);
        activity.record(Kind.SESSION_OPENED, session.id, client, 0);
        return session;
    }

    /**
     * Return a live session of a client.
     *
     * @throws ServerProblem 404 {@code session-not-found} when unknown, ended, or another client's
     */
    Session get(String client, String id) {
        Session session = sessions.get(id);
        if (session == null || session.ended || !session.client.equals(client)) {
            throw notFound(id);
        }
        return session;
    }

    CompletableFuture<View> keepalive(String client, String id) {
        Session session = get(client, id);
        session.keptAliveNanos = ticker.nanoTime();
        return CompletableFuture.supplyAsync(
                () -> {
                    List<Hold> attached = new ArrayList<>(session.holds);
                    if (!attached.isEmpty()) {
                        for (Hold lost : holds.renewAll(attached, session::storeLease)) {
                            detach(session, lost);
                            activity.record(Kind.LOST, ServerActivity.target(lost.key()), lost.owner(), lost.token());
                        }
                    }
                    return view(session);
                },
                offload);
    }

    CompletableFuture<Void> close(String client, String id) {
        Session session = get(client, id);
        return CompletableFuture.runAsync(() -> end(session, Kind.SESSION_CLOSED), offload);
    }

    /**
     * Attach a hold just granted to a session; a session that ended meanwhile gets the hold released and a 404.
     */
    void attach(Session session, Hold hold) {
        session.holds.add(hold);
        byHold.put(HoldId.of(hold), session);
        if (session.ended) {
            detach(session, hold);
            holds.releaseNow(hold);
            throw notFound(session.id);
        }
    }

    /** Forget a hold released by its owner. */
    void released(LockKey key, String owner, long token) {
        Session session = byHold.remove(new HoldId(key, owner, token));
        if (session != null) {
            session.holds.removeIf(
                    (hold) -> hold.key().equals(key) && hold.owner().equals(owner) && hold.token() == token);
        }
    }

    /** End every session whose keepalives stopped for its TTL. */
    void sweep() {
        long now = ticker.nanoTime();
        for (Session session : sessions.values()) {
            if (session.expired(now)) {
                end(session, Kind.SESSION_EXPIRED);
            }
        }
    }

    View view(Session session) {
        long left = Math.max(0, session.ttl.toNanos() - (ticker.nanoTime() - session.keptAliveNanos)) / 1_000_000;
        return new View(session.id, session.ttl.toMillis(), clock.millis() + left, left, session.holds.size());
    }

    List<View> list(String client) {
        return sessions.values().stream()
                .filter((s) -> s.client.equals(client))
                .map(this::view)
                .toList();
    }

    private void end(Session session, Kind why) {
        synchronized (session) {
            if (session.ended) {
                return;
            }
            session.ended = true;
        }
        sessions.remove(session.id);
        activity.record(why, session.id, session.client, 0);
        for (Hold hold : new ArrayList<>(session.holds)) {
            detach(session, hold);
            try {
                boolean delayed =
                        why == Kind.SESSION_EXPIRED && !hold.lockDelay().isZero();
                if (!delayed) {
                    activity.releasing(hold.key());
                }
                boolean held = delayed ? holds.renewNow(hold, hold.lockDelay()) : holds.releaseNow(hold);
                if (why == Kind.SESSION_EXPIRED && held) {
                    activity.record(Kind.LOST, ServerActivity.target(hold.key()), hold.owner(), hold.token());
                } else if (held) {
                    activity.released(hold.key(), hold.owner(), hold.token());
                }
            } catch (RuntimeException ex) {
                // The store could not answer: the hold's lease (the session's TTL) frees it by itself.
            }
        }
    }

    private void detach(Session session, Hold hold) {
        session.holds.remove(hold);
        byHold.remove(HoldId.of(hold));
    }

    static ServerProblem notFound(String id) {
        return new ServerProblem(
                HttpStatus.NOT_FOUND,
                "session-not-found",
                "Session not found",
                "Session [" + id + "] does not exist or has ended",
                Map.of("session", id));
    }
}
