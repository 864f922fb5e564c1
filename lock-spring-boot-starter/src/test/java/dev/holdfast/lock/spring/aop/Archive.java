package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockTemplate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Locked} methods with permits and read/write modes: exports limited to three at once per queue, and documents
 * many may read and one may write. What is inside is counted in an {@link Occupancy} that the archives of several
 * application contexts share, so that overlap across instances is seen.
 */
public class Archive {

    private final Occupancy occupancy;

    public Archive(Occupancy occupancy) {
        this.occupancy = occupancy;
    }

    @Locked(name = "exports", key = "#queue", permits = 3, waitTime = "30s")
    public void export(String queue) {
        this.occupancy.enterExport();
        Thread.yield();
        this.occupancy.leaveExport();
    }

    @Locked(name = "exports", key = "#queue", permits = 3, priority = "#priority")
    public long exportHeld(String queue, int priority, Gate gate) {
        gate.pass();
        return LockTemplate.currentLease().orElseThrow().token();
    }

    @Locked(name = "exports", key = "#queue", permits = 3, onConflict = OnConflict.SKIP)
    public Optional<Long> exportIfFree(String queue) {
        return Optional.of(LockTemplate.currentLease().orElseThrow().token());
    }

    @Locked(name = "document", key = "#id", mode = LockMode.READ, waitTime = "30s")
    public void read(String id) {
        this.occupancy.enterRead();
        Thread.yield();
        this.occupancy.leaveRead();
    }

    @Locked(name = "document", key = "#id", mode = LockMode.WRITE, waitTime = "30s")
    public void write(String id) {
        this.occupancy.enterWrite();
        Thread.yield();
        this.occupancy.leaveWrite();
    }

    @Locked(name = "document", key = "#id", mode = LockMode.READ)
    public String readHeld(String id, Gate gate) {
        gate.pass();
        return "read " + id;
    }

    @Locked(name = "document", key = "#id", mode = LockMode.WRITE)
    public String writeHeld(String id, Gate gate) {
        gate.pass();
        return "wrote " + id;
    }

    /** Who is inside the archive's methods now, the most seen at once, and every overlap a lock should have stopped. */
    public static final class Occupancy {

        private final AtomicInteger exporting = new AtomicInteger();

        private final AtomicInteger mostExporting = new AtomicInteger();

        private final AtomicInteger readers = new AtomicInteger();

        private final AtomicInteger writers = new AtomicInteger();

        private final AtomicInteger mostReaders = new AtomicInteger();

        private final AtomicInteger overlaps = new AtomicInteger();

        private final AtomicInteger reads = new AtomicInteger();

        private final AtomicInteger writes = new AtomicInteger();

        void enterExport() {
            this.mostExporting.accumulateAndGet(this.exporting.incrementAndGet(), Math::max);
        }

        void leaveExport() {
            this.exporting.decrementAndGet();
        }

        void enterRead() {
            this.mostReaders.accumulateAndGet(this.readers.incrementAndGet(), Math::max);
            if (this.writers.get() > 0) {
                this.overlaps.incrementAndGet();
            }
        }

        void leaveRead() {
            if (this.writers.get() > 0) {
                this.overlaps.incrementAndGet();
            }
            this.readers.decrementAndGet();
            this.reads.incrementAndGet();
        }

        void enterWrite() {
            int writing = this.writers.incrementAndGet();
            if (writing > 1 || this.readers.get() > 0) {
                this.overlaps.incrementAndGet();
            }
        }

        void leaveWrite() {
            if (this.writers.get() > 1 || this.readers.get() > 0) {
                this.overlaps.incrementAndGet();
            }
            this.writers.decrementAndGet();
            this.writes.incrementAndGet();
        }

        public int mostExporting() {
            return this.mostExporting.get();
        }

        public int mostReaders() {
            return this.mostReaders.get();
        }

        public int overlaps() {
            return this.overlaps.get();
        }

        public int reads() {
            return this.reads.get();
        }

        public int writes() {
            return this.writes.get();
        }
    }
}
