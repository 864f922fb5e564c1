package dev.holdfast.lock.memory;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.DelegatingMailboxStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.LockWatch;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.PermitWaiterCalls;
import dev.holdfast.lock.spi.PermitWatch;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.spi.RenewCommand;
import dev.holdfast.lock.spi.SemaphoreDeletion;
import dev.holdfast.lock.spi.SemaphoreStore;
import dev.holdfast.lock.spi.WaiterCalls;
import dev.holdfast.lock.spi.WaiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockStore} in this JVM's memory: for tests and single-node applications. Leases are measured with the
 * injected {@link Clock} (tests can move it); a release wakes one waiter of the lock, the longest waiting. Its
 * semaphores and mailboxes live beside its locks, and a mailbox's steps are fenced by the store's own locks.
 *
 * <p>Thread-safe: every operation is atomic on its key.
 */
public final class InMemoryLockStore implements LockStore, SemaphoreStore, DelegatingMailboxStore {

    private final Clock clock;

    private final Map<LockKey, Entry> entries = new ConcurrentHashMap<>();

    private final WaiterRegistry waiters = new WaiterRegistry(Duration.ofSeconds(1), () -> true);

    private final WaiterCalls calls = new WaiterCalls() {
        @Override
        public AcquireOutcome acquire(AcquireCommand command, boolean othersWait) {
            return InMemoryLockStore.this.acquire(command);
        }
    };

    private final AtomicLong tokens = new AtomicLong();

    private final MemorySemaphores semaphores;

    private final MemoryMailboxes mailboxes;

    private final PermitWaiterCalls permitCalls = new PermitWaiterCalls() {
        @Override
        public PermitOutcome acquire(PermitCommand command, boolean othersWait) {
            return InMemoryLockStore.this.acquirePermits(command);
        }
    };

    /** Create a store on the system clock. */
    public InMemoryLockStore() {
        this(Clock.systemUTC());
    }

    /**
     * Create a store on the given clock.
     *
     * @param clock the clock that measures leases
     */
    public InMemoryLockStore(Clock clock) {
        this.clock = clock;
        this.semaphores =
                new MemorySemaphores(clock, this.tokens, (key) -> inspect(key).isPresent(), this.waiters::releasedAll);
        this.mailboxes = new MemoryMailboxes(clock, this::inspect, this.waiters);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public AcquireOutcome acquire(AcquireCommand command) {
        long now = clock.millis();
        long expiresAt = expiry(now, command.lease());
        AcquireOutcome[] outcome = new AcquireOutcome[1];
        entries.compute(command.key(), (key, current) -> {
            Entry live = (current != null && current.expiresAt > now) ? current : null;
            if (live == null) {
                Entry granted = new Entry(command.owner(), command.priority(), tokens.incrementAndGet(), 1, expiresAt);
                outcome[0] = new AcquireOutcome.Granted(granted.token, 1, null);
                return granted;
            }
            boolean sameOwner = live.owner.equals(command.owner());
            if (command.mode() == AcquireMode.LOCK && sameOwner) {
                Entry reentered = new Entry(
                        live.owner, live.priority, live.token, live.holds + 1, Math.max(live.expiresAt, expiresAt));
                outcome[0] = new AcquireOutcome.Granted(live.token, reentered.holds, null);
                return reentered;
            }
            boolean preempts = command.mode() == AcquireMode.CLAIM
                    || (command.mode() == AcquireMode.LOCK && command.priority() > live.priority);
            if (preempts) {
                Entry granted = new Entry(command.owner(), command.priority(), tokens.incrementAndGet(), 1, expiresAt);
                outcome[0] = new AcquireOutcome.Granted(granted.token, 1, live.state(key, now));
                return granted;
            }
            outcome[0] = new AcquireOutcome.Refused(live.state(key, now));
            return live;
        });
        return outcome[0];
    }

    @Override
    public boolean renew(RenewCommand command) {
        long now = clock.millis();
        boolean[] renewed = new boolean[1];
        entries.computeIfPresent(command.key(), (key, current) -> {
            if (current.expiresAt > now && current.heldBy(command.owner(), command.token())) {
                renewed[0] = true;
                return new Entry(
                        current.owner, current.priority, current.token, current.holds, expiry(now, command.lease()));
            }
            return current;
        });
        return renewed[0];
    }

    @Override
    public ReleaseOutcome release(LockKey key, String owner, long token) {
        long now = clock.millis();
        ReleaseOutcome[] outcome = {ReleaseOutcome.NOT_HELD};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.expiresAt <= now || !current.heldBy(owner, token)) {
                return current;
            }
            if (current.holds > 1) {
                outcome[0] = ReleaseOutcome.HOLD_DECREMENTED;
                return new Entry(current.owner, current.priority, current.token, current.holds - 1, current.expiresAt);
            }
            outcome[0] = ReleaseOutcome.RELEASED;
            return null;
        });
        if (outcome[0] == ReleaseOutcome.RELEASED) {
            signal(key);
        }
        return outcome[0];
    }

    @Override
    public boolean expire(LockKey key, @Nullable String owner) {
        long now = clock.millis();
        boolean[] freed = new boolean[1];
        entries.computeIfPresent(key, (k, current) -> {
            if (current.expiresAt <= now) {
                return null;
            }
            if (owner == null || current.owner.equals(owner)) {
                freed[0] = true;
                return null;
            }
            return current;
        });
        if (freed[0]) {
            signal(key);
        }
        return freed[0];
    }

    @Override
    public Optional<LockState> inspect(LockKey key) {
        long now = clock.millis();
        Entry entry = entries.get(key);
        return (entry != null && entry.expiresAt > now) ? Optional.of(entry.state(key, now)) : Optional.empty();
    }

    @Override
    public List<LockState> list(@Nullable String namespace, int limit) {
        long now = clock.millis();
        List<LockState> states = new ArrayList<>();
        for (Map.Entry<LockKey, Entry> entry : entries.entrySet()) {
            if (states.size() >= limit) {
                break;
            }
            LockKey key = entry.getKey();
            if (entry.getValue().expiresAt <= now) {
                entries.remove(key, entry.getValue());
            } else if (namespace == null || key.namespace().equals(namespace)) {
                states.add(entry.getValue().state(key, now));
            }
        }
        return states;
    }

    @Override
    public LockWatch watch(AcquireCommand command) {
        return waiters.watch(command.key().toString(), command, calls);
    }

    @Override
    public boolean createSemaphore(LockKey key, int size, boolean fair) {
        return semaphores.create(key, size, fair);
    }

    @Override
    public Optional<SemaphoreState> resizeSemaphore(LockKey key, int size) {
        return semaphores.resize(key, size);
    }

    @Override
    public SemaphoreDeletion deleteSemaphore(LockKey key, boolean force) {
        return semaphores.delete(key, force);
    }

    @Override
    public PermitOutcome acquirePermits(PermitCommand command) {
        return semaphores.acquire(command);
    }

    @Override
    public boolean renewPermits(SemaphoreKind kind, RenewCommand command) {
        return semaphores.renew(kind, command);
    }

    @Override
    public ReleaseOutcome releasePermits(SemaphoreKind kind, LockKey key, String owner, long token) {
        return semaphores.release(kind, key, owner, token);
    }

    @Override
    public boolean leaveQueue(SemaphoreKind kind, LockKey key, String owner) {
        return semaphores.leave(kind, key, owner);
    }

    @Override
    public Optional<SemaphoreState> inspectSemaphore(SemaphoreKind kind, LockKey key) {
        return semaphores.inspect(kind, key);
    }

    @Override
    public List<SemaphoreState> listSemaphores(@Nullable String namespace, int limit) {
        return semaphores.list(namespace, limit);
    }

    @Override
    public PermitWatch watchPermits(PermitCommand command) {
        return waiters.watchPermits(MemorySemaphores.name(command.kind(), command.key()), command, permitCalls);
    }

    private void signal(LockKey key) {
        waiters.released(key.toString());
        waiters.released(MemoryMailboxes.name(key));
    }

    private static long expiry(long now, Duration lease) {
        return LockRequest.isForever(lease) ? Long.MAX_VALUE : now + lease.toMillis();
    }

    private record Entry(String owner, int priority, long token, int holds, long expiresAt) {

        boolean heldBy(String owner, long token) {
            return this.owner.equals(owner) && (token == ANY_TOKEN || this.token == token);
        }

        LockState state(LockKey key, long now) {
            return new LockState(
                    key,
                    owner,
                    priority,
                    token,
                    holds,
                    (expiresAt == Long.MAX_VALUE) ? LockRequest.FOREVER : Duration.ofMillis(expiresAt - now));
        }
    }

    /**
     * Return the part of this store that keeps mailboxes; the store's {@link MailboxStore} operations are its.
     *
     * @return the mailbox part
     */
    @Override
    public MailboxStore mailboxStore() {
        return mailboxes;
    }
}
