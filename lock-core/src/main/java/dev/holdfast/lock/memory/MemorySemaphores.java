package dev.holdfast.lock.memory;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitOutcome.Rejected;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory store's semaphores and read/write locks, every operation under one monitor: the rules of
 * {@link SemaphoreStore}, with time from the store's clock.
 */
final class MemorySemaphores {

    private final Clock clock;

    private final AtomicLong tokens;

    private final Predicate<LockKey> lockHeld;

    private final Consumer<String> released;

    private final Map<LockKey, Semaphore> semaphores = new HashMap<>();

    private final Map<LockKey, Semaphore> readWriteLocks = new HashMap<>();

    MemorySemaphores(Clock clock, AtomicLong tokens, Predicate<LockKey> lockHeld, Consumer<String> released) {
        this.clock = clock;
        this.tokens = tokens;
        this.lockHeld = lockHeld;
        this.released = released;
    }

    /** The name a semaphore's waiters are registered under. */
    static String name(SemaphoreKind kind, LockKey key) {
        return ((kind == SemaphoreKind.SEMAPHORE) ? "semaphore:" : "read-write:") + key;
    }

    synchronized boolean create(LockKey key, int size, boolean fair) {
        checkSize(key, size);
        String conflict = conflict(SemaphoreKind.SEMAPHORE, key);
        if (conflict != null) {
            throw new IllegalArgumentException(conflict);
        }
        if (semaphores.containsKey(key)) {
            return false;
        }
        semaphores.put(key, new Semaphore(SemaphoreKind.SEMAPHORE, size, fair));
        return true;
    }

    Optional<SemaphoreState> resize(LockKey key, int size) {
        checkSize(key, size);
        SemaphoreState state;
        synchronized (this) {
            Semaphore semaphore = semaphores.get(key);
            if (semaphore == null) {
                return Optional.empty();
            }
            semaphore.size = size;
            state = semaphore.state(key, clock.millis());
        }
        released.accept(name(SemaphoreKind.SEMAPHORE, key));
        return Optional.of(state);
    }

    SemaphoreDeletion delete(LockKey key, boolean force) {
        synchronized (this) {
            Semaphore semaphore = semaphores.get(key);
            if (semaphore == null) {
                return SemaphoreDeletion.NOT_FOUND;
            }
            semaphore.prune(clock.millis());
            if (!force && !semaphore.grants.isEmpty()) {
                return SemaphoreDeletion.IN_USE;
            }
            semaphores.remove(key);
        }
        released.accept(name(SemaphoreKind.SEMAPHORE, key));
        return SemaphoreDeletion.DELETED;
    }

    synchronized PermitOutcome acquire(PermitCommand command) {
        long now = clock.millis();
        LockKey key = command.key();
        String conflict = conflict(command.kind(), key);
        if (conflict != null) {
            return new Rejected(Rejected.Cause.KEY_IN_USE, conflict, null);
        }
        Map<LockKey, Semaphore> all = (command.kind() == SemaphoreKind.SEMAPHORE) ? semaphores : readWriteLocks;
        Semaphore semaphore = all.get(key);
        if (semaphore == null) {
            if (command.kind() == SemaphoreKind.READ_WRITE) {
                semaphore = new Semaphore(SemaphoreKind.READ_WRITE, Integer.MAX_VALUE, true);
            } else if (command.createSize() > 0) {
                semaphore = new Semaphore(SemaphoreKind.SEMAPHORE, command.createSize(), command.fair());
            } else {
                return new PermitOutcome.Missing();
            }
            all.put(key, semaphore);
        }
        semaphore.prune(now);
        PermitOutcome outcome = (command.kind() == SemaphoreKind.SEMAPHORE)
                ? semaphore.acquirePermits(key, command, now)
                : semaphore.acquireReadWrite(key, command, now);
        if (semaphore.kind == SemaphoreKind.READ_WRITE && semaphore.isEmpty()) {
            all.remove(key);
        }
        return outcome;
    }

    synchronized boolean renew(SemaphoreKind kind, RenewCommand command) {
        long now = clock.millis();
        Semaphore semaphore = of(kind).get(command.key());
        if (semaphore == null) {
            return false;
        }
        semaphore.prune(now);
        Grant grant = semaphore.grants.get(command.token());
        if (grant == null || !grant.owner.equals(command.owner())) {
            return false;
        }
        grant.expiresAt = expiry(now, command.lease());
        return true;
    }

    ReleaseOutcome release(SemaphoreKind kind, LockKey key, String owner, long token) {
        synchronized (this) {
            Map<LockKey, Semaphore> all = of(kind);
            Semaphore semaphore = all.get(key);
            if (semaphore == null) {
                return ReleaseOutcome.NOT_HELD;
            }
            semaphore.prune(clock.millis());
            Grant grant = semaphore.grants.get(token);
            if (grant == null || !grant.owner.equals(owner)) {
                return ReleaseOutcome.NOT_HELD;
            }
            semaphore.grants.remove(token);
            if (semaphore.kind == SemaphoreKind.READ_WRITE && semaphore.isEmpty()) {
                all.remove(key);
            }
        }
        released.accept(name(kind, key));
        return ReleaseOutcome.RELEASED;
    }

    boolean leave(SemaphoreKind kind, LockKey key, String owner) {
        synchronized (this) {
            Map<LockKey, Semaphore> all = of(kind);
            Semaphore semaphore = all.get(key);
            if (semaphore == null || semaphore.queue.remove(owner) == null) {
                return false;
            }
            if (semaphore.kind == SemaphoreKind.READ_WRITE && semaphore.isEmpty()) {
                all.remove(key);
            }
        }
        released.accept(name(kind, key));
        return true;
    }

    synchronized Optional<SemaphoreState> inspect(SemaphoreKind kind, LockKey key) {
        Semaphore semaphore = of(kind).get(key);
        if (semaphore == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        semaphore.prune(now);
        if (kind == SemaphoreKind.READ_WRITE && semaphore.grants.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(semaphore.state(key, now));
    }

    synchronized List<SemaphoreState> list(@Nullable String namespace, int limit) {
        long now = clock.millis();
        List<SemaphoreState> states = new ArrayList<>();
        for (Map<LockKey, Semaphore> all : List.of(semaphores, readWriteLocks)) {
            for (Map.Entry<LockKey, Semaphore> entry : all.entrySet()) {
                if (states.size() >= limit) {
                    return states;
                }
                if (namespace == null || entry.getKey().namespace().equals(namespace)) {
                    entry.getValue().prune(now);
                    if (entry.getValue().kind == SemaphoreKind.SEMAPHORE
                            || !entry.getValue().grants.isEmpty()) {
                        states.add(entry.getValue().state(entry.getKey(), now));
                    }
                }
            }
        }
        return states;
    }

    /** Return whether a semaphore or read/write lock uses a key, for plain locks to refuse it. */
    synchronized boolean uses(LockKey key) {
        return semaphores.containsKey(key) || readWriteLocks.containsKey(key);
    }

    private Map<LockKey, Semaphore> of(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? semaphores : readWriteLocks;
    }

    private @Nullable String conflict(SemaphoreKind kind, LockKey key) {
        if (lockHeld.test(key)) {
            return "Key [" + key + "] is held as a plain lock, so it cannot be a " + describe(kind);
        }
        Map<LockKey, Semaphore> other = (kind == SemaphoreKind.SEMAPHORE) ? readWriteLocks : semaphores;
        if (other.containsKey(key)) {
            SemaphoreKind otherKind = (kind == SemaphoreKind.SEMAPHORE) ? SemaphoreKind.READ_WRITE : kind;
            return "Key [" + key + "] is a " + describe(otherKind) + ", so it cannot be a " + describe(kind);
        }
        return null;
    }

    private static String describe(SemaphoreKind kind) {
        return (kind == SemaphoreKind.SEMAPHORE) ? "semaphore" : "read/write lock";
    }

    private static void checkSize(LockKey key, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Semaphore [" + key + "] size must be at least 1, but was " + size);
        }
    }

    private static long expiry(long now, Duration lease) {
        return LockRequest.isForever(lease) ? Long.MAX_VALUE : now + lease.toMillis();
    }

    private long nextToken() {
        return tokens.incrementAndGet();
    }

    /** One grant: its owner, priority, permits, mode and expiry. */
    private static final class Grant {

        final String owner;

        final int priority;

        final long token;

        final int permits;

        final boolean exclusive;

        long expiresAt;

        Grant(String owner, int priority, long token, int permits, boolean exclusive, long expiresAt) {
            this.owner = owner;
            this.priority = priority;
            this.token = token;
            this.permits = permits;
            this.exclusive = exclusive;
            this.expiresAt = expiresAt;
        }

        PermitHolder holder(long now) {
            Duration left = (expiresAt == Long.MAX_VALUE) ? LockRequest.FOREVER : Duration.ofMillis(expiresAt - now);
            return new PermitHolder(owner, priority, token, permits, exclusive, left);
        }
    }

    /** A semaphore or a read/write lock: its grants by token, oldest first, and its queue of waiters' claims. */
    private final class Semaphore {

        final SemaphoreKind kind;

        int size;

        final boolean fair;

        final LinkedHashMap<Long, Grant> grants = new LinkedHashMap<>();

        final LinkedHashMap<String, Long> queue = new LinkedHashMap<>();

        Semaphore(SemaphoreKind kind, int size, boolean fair) {
            this.kind = kind;
            this.size = size;
            this.fair = fair;
        }

        boolean isEmpty() {
            return grants.isEmpty() && queue.isEmpty();
        }

        void prune(long now) {
            grants.values().removeIf((grant) -> grant.expiresAt <= now);
            queue.values().removeIf((claim) -> claim <= now);
        }

        int used() {
            return grants.values().stream().mapToInt((grant) -> grant.permits).sum();
        }

        SemaphoreState state(LockKey key, long now) {
            List<PermitHolder> holders =
                    grants.values().stream().map((grant) -> grant.holder(now)).toList();
            return new SemaphoreState(key, kind, size, fair, holders, queue.size());
        }

        PermitOutcome acquirePermits(LockKey key, PermitCommand command, long now) {
            if (command.permits() > size) {
                return new Rejected(
                        Rejected.Cause.TOO_MANY_PERMITS,
                        "Semaphore [" + key + "] has " + size + " permits, fewer than the " + command.permits()
                                + " asked for",
                        state(key, now));
            }
            boolean claim = command.mode() == AcquireMode.CLAIM;
            if (!claim
                    && fair
                    && !queue.isEmpty()
                    && !queue.keySet().iterator().next().equals(command.owner())) {
                return refuse(key, command, now);
            }
            int free = size - used();
            List<Grant> displaced = new ArrayList<>();
            if (free < command.permits()) {
                // Displace holders of lower priority (any holder for a claim), the lowest and newest first.
                List<Grant> candidates = grants.values().stream()
                        .filter((grant) -> claim || grant.priority < command.priority())
                        .sorted(Comparator.comparingInt((Grant grant) -> grant.priority)
                                .thenComparing((Grant grant) -> grant.token, Comparator.reverseOrder()))
                        .toList();
                for (Iterator<Grant> it = candidates.iterator(); it.hasNext() && free < command.permits(); ) {
                    Grant grant = it.next();
                    displaced.add(grant);
                    free += grant.permits;
                }
                if (free < command.permits()) {
                    return refuse(key, command, now);
                }
            }
            displaced.forEach((grant) -> grants.remove(grant.token));
            return grant(command, now, displaced);
        }

        PermitOutcome acquireReadWrite(LockKey key, PermitCommand command, long now) {
            boolean claim = command.mode() == AcquireMode.CLAIM;
            String owner = command.owner();
            boolean othersHold = grants.values().stream().anyMatch((grant) -> !grant.owner.equals(owner));
            if (command.exclusive()) {
                boolean readsOwn = grants.values().stream().anyMatch((grant) -> grant.owner.equals(owner));
                if (!claim && othersHold && readsOwn) {
                    return new Rejected(
                            Rejected.Cause.UPGRADE,
                            "Read/write lock [" + key + "]: '" + owner + "' holds a read lock and cannot take the write"
                                    + " lock while other readers hold it (release the read lock first)",
                            state(key, now));
                }
                boolean ahead =
                        !queue.isEmpty() && !queue.keySet().iterator().next().equals(owner);
                if (!claim && (othersHold || ahead)) {
                    return refuse(key, command, now);
                }
            } else {
                boolean writerOther =
                        grants.values().stream().anyMatch((grant) -> grant.exclusive && !grant.owner.equals(owner));
                boolean writerQueued = queue.keySet().stream().anyMatch((waiter) -> !waiter.equals(owner));
                boolean ownsWrite =
                        grants.values().stream().anyMatch((grant) -> grant.exclusive && grant.owner.equals(owner));
                if (!claim && !ownsWrite && (writerOther || writerQueued)) {
                    return new PermitOutcome.Refused(state(key, now));
                }
            }
            List<Grant> displaced = new ArrayList<>();
            if (claim) {
                for (Grant grant : new ArrayList<>(grants.values())) {
                    boolean conflicts = command.exclusive() || grant.exclusive;
                    if (conflicts && !grant.owner.equals(owner)) {
                        displaced.add(grant);
                        grants.remove(grant.token);
                    }
                }
            }
            return grant(command, now, displaced);
        }

        private PermitOutcome grant(PermitCommand command, long now, List<Grant> displaced) {
            queue.remove(command.owner());
            Grant grant = new Grant(
                    command.owner(),
                    command.priority(),
                    nextToken(),
                    (kind == SemaphoreKind.SEMAPHORE) ? command.permits() : 1,
                    command.exclusive(),
                    expiry(now, command.lease()));
            grants.put(grant.token, grant);
            return new PermitOutcome.Granted(
                    grant.token, displaced.stream().map((g) -> g.holder(now)).toList());
        }

        /** Refuse, keeping the waiter's place in the queue of a fair semaphore (or of a read/write lock's writers). */
        private PermitOutcome refuse(LockKey key, PermitCommand command, long now) {
            if (fair && (kind == SemaphoreKind.SEMAPHORE || command.exclusive())) {
                queue.putIfAbsent(command.owner(), 0L);
                queue.put(command.owner(), now + SemaphoreStore.QUEUE_CLAIM.toMillis());
            }
            return new PermitOutcome.Refused(state(key, now));
        }
    }
}
