package dev.holdfast.lock.spring.actuate.endpoint;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.SemaphoreState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

/**
 * {@link Endpoint @Endpoint} {@code locks}: the locks held in the store (by every instance) with those of every
 * {@link HeldLockSource} (offline locks), the semaphores and held read/write locks with their holders, one of them by
 * namespace and id, and an operator's force-release of a lock or of one grant of a semaphore or read/write lock.
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

    private static final Log logger = LogFactory.getLog(LocksEndpoint.class);

    private final LockTemplate template;

    private final List<HeldLockSource> sources;

    private final Clock clock;

    /**
     * Create the endpoint over a template.
     *
     * @param template the template whose store is shown
     */
    public LocksEndpoint(LockTemplate template) {
        this(template, List.of(), Clock.systemUTC());
    }

    /**
     * Create the endpoint over a template, estimating expiry times with a clock.
     *
     * @param template the template whose store is shown
     * @param clock the clock for {@link LockDescriptor#expiresAt()}
     */
    public LocksEndpoint(LockTemplate template, Clock clock) {
        this(template, List.of(), clock);
    }

    /**
     * Create the endpoint over a template and other sources of held locks.
     *
     * @param template the template whose store is shown
     * @param sources where else locks are held, such as the offline locks
     * @param clock the clock for {@link LockDescriptor#expiresAt()}
     */
    public LocksEndpoint(LockTemplate template, List<HeldLockSource> sources, Clock clock) {
        this.template = template;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /**
     * List held locks, semaphores and read/write locks, each sorted by key.
     *
     * @param namespace only this namespace, or {@code null} for all
     * @param limit the most of each to list, {@value #DEFAULT_LIMIT} when {@code null}, capped at {@value #MAX_LIMIT}
     * @return the locks and semaphores, and whether more are held
     * @throws InvalidEndpointRequestException when the limit is below 1
     */
    @ReadOperation
    public LocksDescriptor locks(@Nullable String namespace, @Nullable Integer limit) {
        int bound = bound(limit);
        String only = (namespace != null && !namespace.isBlank()) ? namespace.strip() : null;
        List<LockDescriptor> held = new ArrayList<>();
        Instant now = clock.instant();
        template.list(only, bound + 1).forEach((state) -> held.add(LockDescriptor.of(state, now)));
        for (HeldLockSource source : sources) {
            Instant read = clock.instant();
            source.list(only, bound + 1).forEach((state) -> held.add(LockDescriptor.of(source.kind(), state, read)));
        }
        List<SemaphoreState> semaphores = template.listSemaphores(only, bound + 1);
        Instant semaphoresRead = clock.instant();
        return new LocksDescriptor(
                held.stream()
                        .sorted(Comparator.comparing(LockDescriptor::namespace).thenComparing(LockDescriptor::id))
                        .limit(bound)
                        .toList(),
                semaphores.stream()
                        .map((state) -> SemaphoreDescriptor.of(state, semaphoresRead))
                        .sorted(Comparator.comparing(SemaphoreDescriptor::namespace)
                                .thenComparing(SemaphoreDescriptor::id))
                        .limit(bound)
                        .toList(),
                bound,
                held.size() > bound || semaphores.size() > bound);
    }

    /**
     * Show one lock, semaphore or read/write lock of the store.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path (segments joined with {@code /})
     * @return the lock or semaphore, or {@code null} when nothing holds the key
     * @throws InvalidEndpointRequestException when the key is not a valid lock key
     */
    @ReadOperation
    public @Nullable HeldDescriptor lock(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id) {
        LockKey key = key(namespace, id);
        Optional<HeldDescriptor> lock = template.inspect(key).map((state) -> LockDescriptor.of(state, clock.instant()));
        return lock.or(() ->
                        template.inspectSemaphore(key).map((state) -> SemaphoreDescriptor.of(state, clock.instant())))
                .orElse(null);
    }

    /**
     * Free one lock whoever holds it, or with a token one grant of a semaphore or read/write lock; the holder's lease
     * is then lost, and its next renew or release says so.
     *
     * @param namespace the key's namespace
     * @param id the key's id, as the rest of the path (segments joined with {@code /})
     * @param token the fencing token of the grant to free, or {@code null} to free the lock
     * @return {@code true} when something held was freed, {@code false} when it was free
     * @throws InvalidEndpointRequestException when the key is not a valid lock key
     */
    @DeleteOperation
    public boolean release(
            @Selector String namespace, @Selector(match = Match.ALL_REMAINING) String[] id, @Nullable Long token) {
        LockKey key = key(namespace, id);
        boolean freed = (token != null) ? template.forceReleasePermit(key, token) : template.forceRelease(key);
        logger.warn("Force-release of " + ((token != null) ? "the grant with token " + token + " of " : "lock ") + "["
                + key + "] asked through the locks endpoint: " + (freed ? "freed" : "nothing held"));
        return freed;
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
