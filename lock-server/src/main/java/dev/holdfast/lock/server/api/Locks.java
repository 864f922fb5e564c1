package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.server.LockServerProperties;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.api.Hold.Mode;
import dev.holdfast.lock.server.api.LockBodies.AcquireBody;
import dev.holdfast.lock.server.api.LockBodies.Grant;
import dev.holdfast.lock.server.api.LockBodies.Holder;
import dev.holdfast.lock.server.api.LockBodies.LockView;
import dev.holdfast.lock.server.api.LockBodies.ReleaseBody;
import dev.holdfast.lock.server.api.LockBodies.RenewBody;
import dev.holdfast.lock.server.api.Sessions.Session;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The locks of the API (exclusive, read and write): validates a request, prefixes the owner with the client, asks the
 * {@link LockGateway} or the {@link PermitGateway}, attaches the grant to its session, and turns the store's answer
 * into a {@link Grant} or a {@link ServerProblem}.
 */
final class Locks {

    static final long DEFAULT_LEASE_MS = LockRequest.DEFAULT_LEASE.toMillis();

    private final LockGateway gateway;

    private final PermitGateway permits;

    private final Holds holds;

    private final Sessions sessions;

    private final RequestIds requestIds;

    private final LockStore store;

    private final ServerActivity activity;

    private final Clock clock;

    private final LockServerProperties properties;

    Locks(
            LockGateway gateway,
            PermitGateway permits,
            Holds holds,
            Sessions sessions,
            RequestIds requestIds,
            ServerActivity activity,
            Clock clock,
            LockServerProperties properties) {
        this.gateway = gateway;
        this.permits = permits;
        this.holds = holds;
        this.sessions = sessions;
        this.requestIds = requestIds;
        this.store = gateway.store();
        this.activity = activity;
        this.clock = clock;
        this.properties = properties;
    }

    CompletableFuture<Grant> acquire(String client, LockKey key, AcquireBody body) {
        String lock = ServerActivity.target(key);
        String owner = owner(client, key, body.owner());
        Mode mode = Mode.ofLock(lock, (body.mode() != null) ? body.mode() : "exclusive");
        Session session = (body.session() != null) ? sessions.get(client, body.session()) : null;
        Duration lockDelay = lockDelay(key, body.lockDelayMs());
        // A session's hold is leased for the TTL plus its lock-delay: the store's backstop if this instance dies.
        Duration lease = (session != null) ? session.ttl : lease(key, body.leaseMs());
        Duration storeLease = (session != null) ? lease.plus(lockDelay) : lease;
        Duration wait = waitTime(key, body.waitMs());
        int priority = (body.priority() != null) ? body.priority() : 0;
        return requestIds.<Grant>once(client, body.requestId(), key, () -> {
            CompletableFuture<Granted> granted = (mode == Mode.EXCLUSIVE)
                    ? exclusive(key, owner, priority, storeLease, wait)
                    : readWrite(key, owner, priority, storeLease, wait, mode);
            return granted.thenApply((grant) -> {
                activity.granted(key, owner, grant.token(), !wait.isZero());
                Hold hold = new Hold(mode, key, owner, grant.token(), lockDelay);
                if (session != null) {
                    sessions.attach(session, hold);
                }
                return grant(key, body.owner(), grant.token(), lease, grant.askedNanos(), session, mode);
            });
        });
    }

    /** A grant from a store: the token, and when the request that got it was sent. */
    record Granted(long token, long askedNanos) {}

    private CompletableFuture<Granted> exclusive(
            LockKey key, String owner, int priority, Duration lease, Duration wait) {
        AcquireCommand command = new AcquireCommand(key, owner, priority, lease, AcquireMode.LOCK);
        return gateway.acquire(command, wait).thenApply((attempt) -> {
            if (attempt.outcome() instanceof AcquireOutcome.Granted granted) {
                return new Granted(granted.token(), attempt.askedNanos());
            }
            LockState holder = ((AcquireOutcome.Refused) attempt.outcome()).holder();
            activity.record(Kind.REFUSED, ServerActivity.target(key), owner, 0);
            throw notAcquired(key, owner, wait, holder.owner(), holder.toString());
        });
    }

    private CompletableFuture<Granted> readWrite(
            LockKey key, String owner, int priority, Duration lease, Duration wait, Mode mode) {
        PermitCommand command = new PermitCommand(
                key,
                SemaphoreKind.READ_WRITE,
                owner,
                priority,
                1,
                mode == Mode.WRITE,
                lease,
                AcquireMode.LOCK,
                0,
                false);
        return permits.acquire(command, wait).thenApply((attempt) -> {
            PermitOutcome outcome = attempt.outcome();
            if (outcome instanceof PermitOutcome.Granted granted) {
                return new Granted(granted.token(), attempt.askedNanos());
            }
            activity.record(Kind.REFUSED, ServerActivity.target(key), owner, 0);
            if (outcome instanceof PermitOutcome.Rejected rejected) {
                throw new ServerProblem(
                        HttpStatus.CONFLICT,
                        (rejected.cause() == PermitOutcome.Rejected.Cause.UPGRADE) ? "lock-upgrade" : "lock-key-in-use",
                        "Lock not acquired",
                        rejected.reason(),
                        Map.of("lock", ServerActivity.target(key)));
            }
            String holders = (outcome instanceof PermitOutcome.Refused refused)
                    ? refused.state().holders().toString()
                    : "nobody";
            String first = (outcome instanceof PermitOutcome.Refused refused
                            && !refused.state().holders().isEmpty())
                    ? refused.state().holders().get(0).owner()
                    : null;
            throw notAcquired(key, owner, wait, first, holders);
        });
    }

    CompletableFuture<Grant> renew(String client, LockKey key, RenewBody body) {
        String owner = owner(client, key, body.owner());
        Duration lease = lease(key, body.leaseMs());
        long asked = System.nanoTime();
        return renewAny(Holds.candidates(key, owner, body.token()), 0, lease).thenApply((renewed) -> {
            if (renewed == null) {
                activity.record(Kind.LOST, ServerActivity.target(key), owner, body.token());
                throw new ServerProblem(
                        HttpStatus.CONFLICT,
                        "lock-lost",
                        "Lock lost",
                        "Lock [" + ServerActivity.target(key) + "] is no longer held by '" + owner + "' with token "
                                + body.token() + ": it expired, was preempted or was force-released",
                        Map.of("lock", ServerActivity.target(key)));
            }
            return grant(key, body.owner(), body.token(), lease, asked, null, renewed.mode());
        });
    }

    private CompletableFuture<@Nullable Hold> renewAny(List<Hold> candidates, int index, Duration lease) {
        if (index >= candidates.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Hold hold = candidates.get(index);
        return holds.renew(hold, lease)
                .thenCompose((renewed) ->
                        renewed ? CompletableFuture.completedFuture(hold) : renewAny(candidates, index + 1, lease));
    }

    CompletableFuture<Void> release(String client, LockKey key, ReleaseBody body) {
        String owner = owner(client, key, body.owner());
        activity.releasing(key);
        return releaseAny(Holds.candidates(key, owner, body.token()), 0).thenAccept((released) -> {
            if (!released) {
                activity.releaseRefused(key);
                throw notHeld(key, owner, body.token());
            }
            sessions.released(key, owner, body.token());
            requestIds.released(key, body.token());
            activity.released(key, owner, body.token());
        });
    }

    private CompletableFuture<Boolean> releaseAny(List<Hold> candidates, int index) {
        if (index >= candidates.size()) {
            return CompletableFuture.completedFuture(false);
        }
        return holds.release(candidates.get(index))
                .thenCompose((released) ->
                        released ? CompletableFuture.completedFuture(true) : releaseAny(candidates, index + 1));
    }

    Optional<LockView> inspect(LockKey key) {
        return store.inspect(key).map(this::view);
    }

    List<LockView> list(@Nullable String namespace, int limit) {
        return store.list(namespace, limit).stream().map(this::view).toList();
    }

    boolean forceRelease(LockKey key) {
        boolean freed = store.expire(key, null);
        if (freed) {
            activity.record(Kind.FORCE_RELEASED, ServerActivity.target(key), null, 0);
        }
        return freed;
    }

    private LockView view(LockState state) {
        return new LockView(ServerActivity.target(state.key()), holder(state), activity.waiters(state.key()));
    }

    Holder holder(LockState state) {
        if (state.neverExpires()) {
            return new Holder(state.owner(), state.token(), -1, -1);
        }
        long remaining = state.remaining().toMillis();
        return new Holder(state.owner(), state.token(), clock.millis() + remaining, remaining);
    }

    /**
     * Build a grant whose deadline counts from when the request was sent to the store, so it is never later than the
     * store's own expiry.
     */
    Grant grant(
            LockKey key,
            @Nullable String owner,
            long token,
            Duration lease,
            long askedNanos,
            @Nullable Session session,
            Mode mode) {
        long elapsed = Duration.ofNanos(System.nanoTime() - askedNanos).toMillis();
        long leaseMs = lease.toMillis();
        long now = clock.millis();
        return new Grant(
                ServerActivity.target(key),
                String.valueOf(owner),
                token,
                leaseMs,
                now - elapsed + leaseMs,
                Math.max(0, leaseMs - elapsed),
                (session != null) ? session.id : null,
                mode.value());
    }

    static String owner(String client, LockKey key, @Nullable String owner) {
        LockRequest.validateOwner(key, owner);
        String full = client + "/" + owner;
        LockRequest.validateOwner(key, full);
        return full;
    }

    static Duration lease(LockKey key, @Nullable Long leaseMs) {
        Duration lease = Duration.ofMillis((leaseMs != null) ? leaseMs : DEFAULT_LEASE_MS);
        if (lease.compareTo(LockRequest.MAX_LEASE) > 0 || lease.compareTo(LockRequest.MIN_LEASE) < 0) {
            throw ServerProblem.badRequest("Lock [" + ServerActivity.target(key) + "] leaseMs must be from 1 to "
                    + LockRequest.MAX_LEASE.toMillis() + ", but was " + leaseMs);
        }
        return lease;
    }

    Duration waitTime(LockKey key, @Nullable Long waitMs) {
        long wait = (waitMs != null) ? waitMs : 0;
        if (wait < 0 || wait > properties.getMaxWait().toMillis()) {
            throw ServerProblem.badRequest("Lock [" + ServerActivity.target(key) + "] waitMs must be from 0 to "
                    + properties.getMaxWait().toMillis() + " (holdfast.server.max-wait), but was " + waitMs);
        }
        return Duration.ofMillis(wait);
    }

    static ServerProblem notAcquired(LockKey key, String owner, Duration wait, @Nullable String holder, String heldBy) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("lock", ServerActivity.target(key));
        if (holder != null) {
            members.put("holder", holder);
        }
        String within = wait.isZero() ? "" : " within " + wait.toMillis() + " ms";
        return new ServerProblem(
                HttpStatus.CONFLICT,
                "lock-not-acquired",
                "Lock not acquired",
                "Lock [" + ServerActivity.target(key) + "] not acquired by '" + owner + "'" + within + ": held by "
                        + heldBy,
                members);
    }

    Duration lockDelay(LockKey key, @Nullable Long lockDelayMs) {
        long delay = (lockDelayMs != null) ? lockDelayMs : 0;
        if (delay < 0 || delay > LockRequest.MAX_LEASE.toMillis()) {
            throw ServerProblem.badRequest("Lock [" + ServerActivity.target(key) + "] lockDelayMs must be from 0 to "
                    + LockRequest.MAX_LEASE.toMillis() + ", but was " + lockDelayMs);
        }
        return Duration.ofMillis(delay);
    }

    static ServerProblem notHeld(LockKey key, String owner, long token) {
        return new ServerProblem(
                HttpStatus.CONFLICT,
                "lock-not-held",
                "Lock not held",
                "Lock [" + ServerActivity.target(key) + "] is not held by '" + owner + "' with token " + token,
                Map.of("lock", ServerActivity.target(key)));
    }
}
