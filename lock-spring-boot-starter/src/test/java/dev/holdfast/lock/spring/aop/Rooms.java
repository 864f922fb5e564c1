package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockTemplate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/** A bean with every kind of {@link Locked} method the advisor tests call. */
public class Rooms {

    private final AtomicInteger inside = new AtomicInteger();

    private final AtomicInteger mostInside = new AtomicInteger();

    private final AtomicInteger runs = new AtomicInteger();

    public int mostInside() {
        return this.mostInside.get();
    }

    public int runs() {
        return this.runs.get();
    }

    @Locked(name = "rooms", key = "#room", waitTime = "10s")
    public void book(String room) {
        int now = this.inside.incrementAndGet();
        this.mostInside.accumulateAndGet(now, Math::max);
        Thread.yield();
        this.inside.decrementAndGet();
        this.runs.incrementAndGet();
    }

    @Locked(name = "report")
    public String report(Gate gate) {
        gate.pass();
        return "report done";
    }

    @Locked(name = "report", waitTime = "5s")
    public String reportWaiting() {
        return "report done";
    }

    @Locked(name = "report", onConflict = OnConflict.SKIP)
    public String reportOrNull() {
        this.runs.incrementAndGet();
        return "report done";
    }

    @Locked(name = "report", onConflict = OnConflict.SKIP)
    public Optional<String> reportIfFree() {
        this.runs.incrementAndGet();
        return Optional.of("report done");
    }

    @Locked(name = "report", onConflict = OnConflict.SKIP)
    public OptionalInt pagesIfFree() {
        this.runs.incrementAndGet();
        return OptionalInt.of(3);
    }

    @Locked(name = "report", onConflict = OnConflict.SKIP)
    public void reportQuietly() {
        this.runs.incrementAndGet();
    }

    @Locked(name = "fenced", key = "#id")
    public Lease lease(String id) {
        return LockTemplate.currentLease().orElseThrow();
    }

    @Locked(name = "owned", key = "#p0", owner = "#user + '@desk'")
    public String owner(String id, String user) {
        return LockTemplate.currentLease().orElseThrow().owner();
    }

    @Locked(name = "numbers", key = "@roomNumbers.normalize(#root.args[0]) + '-' + #root.method.name")
    public String key(String raw) {
        return LockTemplate.currentLease().orElseThrow().key().toString();
    }

    @Locked(name = "jobs", key = "#job", priority = "#priority")
    public String run(String job, int priority, Gate gate) {
        gate.pass();
        return job + " done";
    }

    @Locked
    public String unnamed() {
        return LockTemplate.currentLease().orElseThrow().key().toString();
    }

    @Locked(name = "nested", key = "#level")
    public long outer(Rooms self, int level) {
        long outerToken = LockTemplate.currentLease().orElseThrow().token();
        long innerToken = self.inner(level);
        return (outerToken == innerToken) ? innerToken : -1;
    }

    @Locked(name = "nested", key = "#level")
    public long inner(int level) {
        return LockTemplate.currentLease().orElseThrow().token();
    }

    /** Normalizes room numbers; the bean that key expressions call as {@code @roomNumbers}. */
    public static class RoomNumbers {

        public String normalize(String raw) {
            return raw.strip().toUpperCase();
        }
    }
}
