package dev.holdfast.lock.redis;

import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Clients that fuzz a few locks across a failover, and one late holder that takes lock {@value #HELD} and keeps it to
 * the end: each holder counts itself in while it holds (a count above one is an overlap) and writes down its token in
 * the order of the grants.
 */
final class FailoverFuzz implements AutoCloseable {

    /** The late holder's lock, which the fuzzing clients try too. */
    static final String HELD = "held";

    private static final List<String> IDS = List.of("a", "b", "c", HELD);

    private static final Duration FUZZ_LEASE = Duration.ofSeconds(2);

    private final String namespace;

    private final RedisLockStore lateStore;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    private final AtomicBoolean stop = new AtomicBoolean();

    private final CountDownLatch finished = new CountDownLatch(1);

    private final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();

    private final Map<String, List<Long>> tokens = new ConcurrentHashMap<>();

    private final AtomicLong grants = new AtomicLong();

    private final AtomicLong heldAttempts = new AtomicLong();

    private final AtomicLong unreplicated = new AtomicLong();

    private final AtomicLong lateUnreplicated = new AtomicLong();

    private final AtomicLong lateToken = new AtomicLong();

    private final AtomicBoolean lateKept = new AtomicBoolean();

    private final CountDownLatch lateDone = new CountDownLatch(1);

    /**
     * Start fuzzing.
     *
     * @param namespace the locks' namespace
     * @param stores the fuzzing clients' stores; two threads fuzz on each
     * @param lateStore the late holder's store, whose holder starts with {@link #startLateHolder()}
     */
    FailoverFuzz(String namespace, List<RedisLockStore> stores, RedisLockStore lateStore) {
        this.namespace = namespace;
        this.lateStore = lateStore;
        for (String id : IDS) {
            inside.put(id, new AtomicInteger());
            most.put(id, new AtomicInteger());
            tokens.put(id, Collections.synchronizedList(new ArrayList<>()));
        }
        for (int client = 0; client < stores.size(); client++) {
            for (int thread = 0; thread < 2; thread++) {
                String owner = "client-" + client + "-" + thread;
                RedisLockStore store = stores.get(client);
                pool.execute(() -> fuzz(store, owner));
            }
        }
    }

    /** Let the late holder try lock {@value #HELD} until it has it, and hold it until the fuzz is closed. */
    void startLateHolder() {
        pool.execute(this::holdLate);
    }

    /** Return how many grants the fuzzing clients had so far. */
    long grants() {
        return grants.get();
    }

    /** Return how many times the fuzzing clients asked for lock {@value #HELD} so far. */
    long heldAttempts() {
        return heldAttempts.get();
    }

    /** Return how many grants were given back so far because the replicas did not acknowledge them. */
    long unreplicated() {
        return unreplicated.get();
    }

    /** Return how many of the late holder's grants were given back so far, for want of a replica's acknowledgement. */
    long lateUnreplicated() {
        return lateUnreplicated.get();
    }

    /** Return whether the late holder holds its lock. */
    boolean lateHolds() {
        return lateToken.get() != 0;
    }

    /**
     * Wait until a condition holds while the fuzz goes on.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    void awaitThat(String what, BooleanSupplier condition) {
        await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    /**
     * Stop every client and the late holder, and say what happened.
     *
     * @return the most holders each lock had at once, its tokens in grant order, and whether the late holder still
     *     held its lock at the end
     */
    Outcome finish() throws InterruptedException {
        stop.set(true);
        finished.countDown();
        if (lateToken.get() != 0 && !lateDone.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The late holder did not finish within 10 s");
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The fuzzing clients did not stop within 10 s");
        }
        Map<String, Integer> mostHolders = new ConcurrentHashMap<>();
        most.forEach((id, count) -> mostHolders.put(id, count.get()));
        Map<String, List<Long>> granted = new ConcurrentHashMap<>();
        tokens.forEach((id, list) -> granted.put(id, List.copyOf(list)));
        return new Outcome(mostHolders, granted, lateKept.get(), unreplicated.get());
    }

    @Override
    public void close() {
        stop.set(true);
        finished.countDown();
        pool.shutdownNow();
    }

    private void fuzz(RedisLockStore store, String owner) {
        for (long round = 0; !stop.get(); round++) {
            String id = IDS.get(ThreadLocalRandom.current().nextInt(IDS.size()));
            if (id.equals(HELD)) {
                heldAttempts.incrementAndGet();
            }
            try {
                AcquireOutcome outcome = store.acquire(command(id, owner + "-" + round, FUZZ_LEASE));
                if (outcome instanceof AcquireOutcome.Granted granted) {
                    enter(id, granted.token());
                    grants.incrementAndGet();
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
                    inside.get(id).decrementAndGet();
                    store.release(key(id), owner + "-" + round, granted.token());
                }
            } catch (LockStoreException ex) {
                count(ex);
            }
        }
    }

    private void holdLate() {
        while (!stop.get()) {
            try {
                AcquireOutcome outcome = lateStore.acquire(command(HELD, "late-holder", Duration.ofSeconds(60)));
                if (outcome instanceof AcquireOutcome.Granted granted) {
                    enter(HELD, granted.token());
                    lateToken.set(granted.token());
                    finished.await();
                    lateKept.set(lateStore
                            .inspect(key(HELD))
                            .filter((state) -> state.owner().equals("late-holder") && state.token() == granted.token())
                            .isPresent());
                    inside.get(HELD).decrementAndGet();
                    lateStore.release(key(HELD), "late-holder", granted.token());
                    lateDone.countDown();
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            } catch (LockStoreException ex) {
                if (count(ex)) {
                    lateUnreplicated.incrementAndGet();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void enter(String id, long token) {
        int holders = inside.get(id).incrementAndGet();
        most.get(id).accumulateAndGet(holders, Math::max);
        tokens.get(id).add(token);
    }

    /** Count a grant given back for want of a replica's acknowledgement; return whether it was one. */
    private boolean count(LockStoreException ex) {
        if (String.valueOf(ex.getMessage()).contains("replicas acknowledged it")) {
            unreplicated.incrementAndGet();
            return true;
        }
        return false;
    }

    private AcquireCommand command(String id, String owner, Duration lease) {
        return new AcquireCommand(key(id), owner, 0, lease, AcquireMode.LOCK);
    }

    private LockKey key(String id) {
        return new LockKey(namespace, id);
    }

    /**
     * What a fuzz saw.
     *
     * @param mostHolders the most holders each lock had at once
     * @param tokens each lock's tokens in the order they were granted
     * @param lateHolderKept whether the late holder's lock was still its own at the end
     * @param unreplicated how many grants were given back because the replicas did not acknowledge them
     */
    record Outcome(
            Map<String, Integer> mostHolders,
            Map<String, List<Long>> tokens,
            boolean lateHolderKept,
            long unreplicated) {}
}
