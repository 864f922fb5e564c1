package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockInterruptedException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads waiting on 1,000 keys: a holder (an application instance of its own) holds the {@value #KEYS} keys, then
 * N platform threads of another instance wait for them, thread i on key i mod 1,000. Once every waiter watches, the
 * suite reads the heap (after a full GC) and the resident set, the instance's connections and those that listen for
 * releases, and counts the wake-ups of {@value #IDLE_SECONDS} s without any release (the waiters' re-checks). Then
 * the holder releases every key; each waiter, once granted, releases at once, so every waiter is handed a lock
 * exactly once: wake-ups per hand-off are the waiters' returns from a wait (granted or not) per waiter.
 */
final class WaiterScale {

    static final int KEYS = 1000;

    static final int IDLE_SECONDS = 4;

    /** The longest the suite waits for the waiters to start watching, and then for all of them to be served. */
    static final int DRAIN_LIMIT_SECONDS = 60;

    /** The waiters' stack size: small, as a server with thousands of threads would set it. */
    private static final long STACK = 256 * 1024;

    private WaiterScale() {}

    /**
     * One count of waiters on one store.
     *
     * @param store the store's label
     * @param waiters the waiting threads
     * @param heapPerWaiter heap used per waiter after a full GC, in bytes
     * @param rssPerWaiter resident set per waiter (heap, thread stacks and native thread state), in bytes
     * @param connections the waiting instance's connections to the store
     * @param subscriptions those of them that listen for releases
     * @param idleWakeUpsPerSecond wake-ups per second while nothing is released
     * @param idleRoundTripsPerSecond store calls per second while nothing is released
     * @param wakeUpsPerHandoff wake-ups per lock handed to a waiter
     * @param fruitlessPerHandoff of those, wake-ups that found the lock taken
     * @param drainSeconds from the holder's first release until every waiter had held its lock
     * @param failed waiters that failed instead of being granted
     * @param unserved waiters neither granted nor failed {@value #DRAIN_LIMIT_SECONDS} s after the first release
     * @param failure the first failure's root cause, or empty
     */
    record Row(
            String store,
            int waiters,
            double heapPerWaiter,
            double rssPerWaiter,
            int connections,
            int subscriptions,
            double idleWakeUpsPerSecond,
            double idleRoundTripsPerSecond,
            double wakeUpsPerHandoff,
            double fruitlessPerHandoff,
            double drainSeconds,
            int failed,
            long unserved,
            String failure) {}

    static Row measure(Target target, int waiters) throws Exception {
        target.clear();
        try (Target.Opened holder = target.open("scale-holder", Duration.ofSeconds(-1));
                LockTemplate holding = LockTemplate.of(holder.store());
                Target.Opened waiting = target.open("scale-waiters", Duration.ofSeconds(-1))) {
            List<Lease> held = Collections.synchronizedList(new ArrayList<>());
            Parallel.forEach(0, KEYS, (k) -> held.add(hold(holding, k)));
            CountingStore counting = new CountingStore(waiting.store());
            try (LockTemplate template = LockTemplate.of(counting)) {
                long heap0 = heapAfterGc();
                long rss0 = residentSet();
                CountDownLatch done = new CountDownLatch(waiters);
                AtomicInteger failed = new AtomicInteger();
                AtomicReference<String> failure = new AtomicReference<>("");
                AtomicBoolean stopping = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>(waiters);
                for (int i = 0; i < waiters; i++) {
                    LockRequest request = LockRequest.of("scale-wait", "key-" + (i % KEYS))
                            .lease(Duration.ofSeconds(30))
                            .waitTime(Duration.ofMinutes(10))
                            .build();
                    Thread thread = new Thread(
                            null,
                            () -> waitFor(template, request, done, failed, failure, stopping),
                            "waiter-" + i,
                            STACK);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
                // Every waiter watches, or failed (a store that cannot serve them all fails some).
                Parallel.within(DRAIN_LIMIT_SECONDS, () -> counting.watching.get() + failed.get() >= waiters);
                long heap1 = heapAfterGc();
                long rss1 = residentSet();
                int connections = target.connections("scale-waiters");
                int subscriptions = target.subscriptions("scale-waiters");
                long wake0 = counting.wakeUps.get();
                long trips0 = target.roundTrips();
                long idle0 = System.nanoTime();
                Thread.sleep(IDLE_SECONDS * 1000L);
                double idle = (System.nanoTime() - idle0) / 1e9;
                double idleWakeUps = (counting.wakeUps.get() - wake0) / idle;
                double idleTrips = (target.roundTrips() - trips0) / idle;
                long wake1 = counting.wakeUps.get();
                long fruitless1 = counting.fruitless.get();
                long drain0 = System.nanoTime();
                Parallel.forEach(0, KEYS, (k) -> held.get((int) k).close());
                done.await(DRAIN_LIMIT_SECONDS, TimeUnit.SECONDS);
                double drain = (System.nanoTime() - drain0) / 1e9;
                long unserved = done.getCount();
                stopping.set(true);
                for (Thread thread : threads) {
                    thread.interrupt();
                }
                for (Thread thread : threads) {
                    thread.join(10_000);
                }
                Row row = new Row(
                        target.label(),
                        waiters,
                        (heap1 - heap0) / (double) waiters,
                        (rss1 - rss0) / (double) waiters,
                        connections,
                        subscriptions,
                        idleWakeUps,
                        idleTrips,
                        (counting.wakeUps.get() - wake1) / (double) waiters,
                        (counting.fruitless.get() - fruitless1) / (double) waiters,
                        drain,
                        failed.get(),
                        unserved,
                        failure.get());
                System.out.println("  " + row);
                return row;
            }
        } finally {
            target.clear();
        }
    }

    private static Lease hold(LockTemplate template, long k) {
        LockRequest request = LockRequest.of("scale-wait", "key-" + k)
                .lease(Duration.ofMinutes(20))
                .autoRenew(false)
                .build();
        LockResult result = template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Lock [scale-wait:key-" + k + "] was refused to the holder: " + result);
        }
        return acquired.lease();
    }

    private static void waitFor(
            LockTemplate template,
            LockRequest request,
            CountDownLatch done,
            AtomicInteger failed,
            AtomicReference<String> failure,
            AtomicBoolean stopping) {
        try {
            template.acquire(request).close();
            done.countDown();
        } catch (LockInterruptedException ex) {
            // stopped by the suite after the drain limit: counted as unserved
        } catch (RuntimeException ex) {
            if (stopping.get()) {
                return;
            }
            failed.incrementAndGet();
            done.countDown();
            Throwable cause = ex;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (failure.compareAndSet("", reason)) {
                System.err.printf(Locale.ROOT, "Waiter for [%s] failed: %s (%s)%n", request.key(), ex, reason);
            }
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long residentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException ex) {
            // not Linux
        }
        return 0;
    }
}
