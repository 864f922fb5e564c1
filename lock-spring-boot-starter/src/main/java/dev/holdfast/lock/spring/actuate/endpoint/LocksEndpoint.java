package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

/**
 * {@link Endpoint @Endpoint} {@code locks}: the locks held in the store (by every instance), one lock by namespace and
 * id, and an operator's force-release.
 *
 * <p>Reading is allowed by default; force-release is a write operation, available only when
 * {@code management.endpoint.locks.access} is {@code unrestricted}. Ids may hold any characters, slashes included:
 * the id is the rest of the path after the namespace.
 */
@Endpoint(id = "locks", defaultAccess = Access.READ_ONLY)
public class LocksEndpoint {

    /** How many locks a list shows when the request names no limit. */
    public static final int DEFAULT_LIMIT = 100;

    /** The most locks a list shows, whatever limit the request names. */
    public static final int MAX_LIMIT = 1000;

    private static final Comparator<LockState> BY_KEY = Comparator.comparing(
                    (LockState state) -> state.key().namespace())
            .thenComparing((state) -> state.key().id());

    private final LockTemplate template;

    private final Clock clock;

    /**
     * Create the endpoint over a template.
     *
     * @param template the template whose store is shown
     */
    public LocksEndpoint(LockTemplate template) {
        this(template, Clock.systemUTC());
    }

    /**
     * Create the endpoint over a template, estimating expiry times with a clock.
     *
     * @param template the template whose store is shown
     * @param clock the clock for {@link LockDescriptor#expiresAt()}
     */
    public LocksEndpoint(LockTemplate template, Clock clock) {
        this.template = template;
        this.clock = clock;
    }

    /**
     * List held locks, sorted by key.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most to list, {@value #DEFAULT_LIMIT} when {@code null}, capped at {@value #MAX_LIMIT}
     * @return the locks, and whether more are held
     * @throws InvalidEndpointRequestException when the limit is below 1
     */
    @ReadOperation
    public LocksDescriptor locks(@Nullable String namespace, @Nullable Integer limit) {
        int bound = bound(limit);
        String only = (namespace != null && !namespace.isBlank()) ? namespace.strip() : null;
        List<LockState> held = template.list(only, bound + 1);
        Instant now = clock.instant();
        List<LockDescriptor> locks = held.stream()
                .sorted(BY_KEY)
                .limit(bound)
                .map((state) -> LockDescriptor.of(state, now))
                .toList();
        return new LocksDescriptor(locks, bound, held.size() > bound);
    }

    /**
     * Show one lock.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path (segments joined with {@code /})
     * @return the lock, or {@code null} when it is free
     * @throws InvalidEndpointRequestException when the key is not a valid lock key
     */
    @ReadOperation
    public @Nullable LockDescriptor lock(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        LockKey key = key(namespace, id);
        return template.inspect(key)
                .map((state) -> LockDescriptor.of(state, clock.instant()))
                .orElse(null);
    }

    /**
     * Free one lock whoever holds it; the holder's lease is then lost, and its next renew or release says so.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path (segments joined with {@code /})
     * @return {@code true} when a held lock was freed, {@code false} when it was free
     * @throws InvalidEndpointRequestException when the key is not a valid lock key
     */
    @DeleteOperation
    public boolean release(@Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        return template.forceRelease(key(namespace, id));
    }

    static LockKey key(String namespace, String[] id) {
        try {
            return new LockKey(namespace, String.join("/", id));
        } catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage(), ex);
        }
    }

    private static int bound(@Nullable Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1) {
            String message = "Lock list limit must be at least 1, but was " + limit;
            throw new InvalidEndpointRequestException(message, message);
        }
        return Math.min(limit, MAX_LIMIT);
    }
}
