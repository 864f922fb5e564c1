package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Locale;

/**
 * The state left after many distinct ids: lock and release 1,000,000 ids, each once, on {@value Parallel#THREADS}
 * threads, then read what the store keeps. Redis deletes a lock's key at release; the database store keeps a free row
 * for its retention ({@value #RETENTION_SECONDS} s here, one minute by default) and a background sweep deletes it,
 * so the state read again after the retention is back to where it started.
 */
final class DistinctIds {

    static final int RETENTION_SECONDS = 10;

    private DistinctIds() {}

    /**
     * One store after the ids.
     *
     * @param store the store's label
     * @param ids the distinct ids locked and released
     * @param seconds how long that took
     * @param countBefore keys or rows before
     * @param countAfter keys or rows right after the last release
     * @param countLater keys or rows once the retention has passed
     * @param bytesBefore memory or table size before
     * @param bytesAfter memory or table size right after
     * @param bytesLater memory or table size once the retention has passed
     */
    record Row(
            String store,
            long ids,
            double seconds,
            long countBefore,
            long countAfter,
            long countLater,
            long bytesBefore,
            long bytesAfter,
            long bytesLater) {}

    static Row measure(Target target, long ids) throws Exception {
        target.clear();
        try (Target.Opened opened = target.open("scale-ids", Duration.ofSeconds(RETENTION_SECONDS));
                LockTemplate template = LockTemplate.of(opened.store())) {
            long count0 = target.stateCount();
            long bytes0 = target.stateBytes();
            long start = System.nanoTime();
            Parallel.forEach(0, ids, (n) -> cycle(template, n));
            double seconds = (System.nanoTime() - start) / 1e9;
            long count1 = target.stateCount();
            long bytes1 = target.stateBytes();
            System.out.printf(
                    Locale.ROOT,
                    "ids %-10s %,d ids in %.1f s; state %,d -> %,d (%,d -> %,d bytes)%n",
                    target.label(),
                    ids,
                    seconds,
                    count0,
                    count1,
                    bytes0,
                    bytes1);
            // The sweep runs once per retention and deletes rows free for longer than it: two retentions at most.
            Parallel.within(3L * RETENTION_SECONDS, () -> target.stateCount() <= count0);
            Row row = new Row(
                    target.label(),
                    ids,
                    seconds,
                    count0,
                    count1,
                    target.stateCount(),
                    bytes0,
                    bytes1,
                    target.stateBytes());
            System.out.println("  " + row);
            return row;
        } finally {
            target.clear();
        }
    }

    private static void cycle(LockTemplate template, long n) {
        LockRequest request = LockRequest.of("scale-ids", "id-" + n)
                .lease(Duration.ofSeconds(30))
                .build();
        LockResult result = template.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            throw new IllegalStateException("Lock [scale-ids:id-" + n + "] was refused: " + result);
        }
        acquired.lease().close();
    }
}
