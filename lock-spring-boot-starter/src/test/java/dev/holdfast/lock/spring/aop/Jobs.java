package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockTemplate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Locked} methods with a minimum hold and with short leases, renewed or not; the slow ones run what the test
 * gives them while they hold the lock (to wait for a condition, not for a time).
 */
public class Jobs {

    private final AtomicInteger runs = new AtomicInteger();

    @Locked(name = "cleanup", onConflict = OnConflict.SKIP, minHold = "400ms")
    public Integer cleanup() {
        return this.runs.incrementAndGet();
    }

    @Locked(name = "slow", lease = "150ms")
    public String renewed(Runnable whileHeld) {
        whileHeld.run();
        return LockTemplate.currentLease().orElseThrow().isHeld() ? "still held" : "lost";
    }

    @Locked(name = "slow", lease = "150ms", autoRenew = false)
    public String notRenewed(Runnable whileHeld) {
        whileHeld.run();
        return "done";
    }

    @Locked(name = "owners", key = "#p0")
    public String owner(String id) {
        return LockTemplate.currentLease().orElseThrow().owner() + " "
                + LockTemplate.currentLease().orElseThrow().key();
    }
}
