package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.server.LockServerProperties;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.server.ServerActivity.Kind;
import dev.holdfast.lock.server.api.LockBodies.AcquireBody;
import dev.holdfast.lock.server.api.LockBodies.Grant;
import dev.holdfast.lock.server.api.LockBodies.Holder;
import dev.holdfast.lock.server.api.LockBodies.LockView;
import dev.holdfast.lock.server.api.LockBodies.ReleaseBody;
import dev.holdfast.lock.server.api.LockBodies.RenewBody;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
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
 * The exclusive locks of the API: validates a request, prefixes the owner with the client, asks the
 * {@link LockGateway} and turns the store's answer into a {@link Grant} or a {@link ServerProblem}.
 */
final class Locks {

    static final long DEFAULT_LEASE_MS = LockRequest.DEFAULT_LEASE.toMillis();

    private final LockGateway gateway;

    private final LockStore store;

    private final ServerActivity activity;

    private final Clock clock;

    private final LockServerProperties properties;

    Locks(LockGateway gateway, LockStore store, ServerActivity activity, Clock clock, LockServerProperties properties) {
        this.gateway = gateway;
        this.store = store;
        this.activity = activity;
        this.clock = clock;
        this.properties = properties;
    }

    CompletableFuture<Grant> acquire(String client, LockKey key, AcquireBody body) {
        String owner = owner(client, key, body.owner());
        Duration lease = lease(key, body.leaseMs());
        Duration wait = waitTime(key, body.waitMs());
        int priority = (body.priority() != null) ? body.priority() : 0;
        AcquireCommand command = new AcquireCommand(key, owner, priority, lease, AcquireMode.LOCK);
        return gateway.acquire(command, wait).thenApply((attempt) -> {
            if (attempt.outcome() instanceof AcquireOutcome.Granted granted) {
                activity.granted(key, owner, granted.token(), !wait.isZero());
                return grant(key, body.owner(), granted.token(), lease, attempt.askedNanos(), null);
            }
            LockState holder = ((AcquireOutcome.Refused) attempt.outcome()).holder();
            activity.record(Kind.REFUSED, ServerActivity.target(key), owner, 0);
            throw notAcquired(key, owner, wait, holder);
        });
    }

    CompletableFuture<Grant> renew(String client, LockKey key, RenewBody body) {
        String owner = owner(client, key, body.owner());
        Duration lease = lease(key, body.leaseMs());
        long asked = System.nanoTime();
        return gateway.renew(new RenewCommand(key, owner, body.token(), lease)).thenApply((renewed) -> {
            if (!renewed) {
                activity.record(Kind.LOST, ServerActivity.target(key), owner, body.token());
                throw new ServerProblem(
                        HttpStatus.CONFLICT,
                        "lock-lost",
                        "Lock lost",
                        "Lock [" + ServerActivity.target(key) + "] is no longer held by '" + owner + "' with token "
                                + body.token() + ": it expired, was preempted or was force-released",
                        Map.of("lock", ServerActivity.target(key)));
            }
            return grant(key, body.owner(), body.token(), lease, asked, null);
        });
    }

    CompletableFuture<Void> release(String client, LockKey key, ReleaseBody body) {
        String owner = owner(client, key, body.owner());
        return gateway.release(key, owner, body.token()).thenAccept((outcome) -> {
            if (outcome == ReleaseOutcome.NOT_HELD) {
                throw notHeld(key, owner, body.token());
            }
            activity.released(key, owner, body.token());
        });
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
            @Nullable String session) {
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
                session,
                "exclusive");
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

    static ServerProblem notAcquired(LockKey key, String owner, Duration wait, @Nullable LockState holder) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("lock", ServerActivity.target(key));
        if (holder != null) {
            members.put("holder", holder.owner());
        }
        String within = wait.isZero() ? "" : " within " + wait.toMillis() + " ms";
        String held = (holder != null) ? ": held by " + holder : "";
        return new ServerProblem(
                HttpStatus.CONFLICT,
                "lock-not-acquired",
                "Lock not acquired",
                "Lock [" + ServerActivity.target(key) + "] not acquired by '" + owner + "'" + within + held,
                members);
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
