package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockInterruptedException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The store contract's rules of waiting: waiters wake on release and on expiry, time out with the holder named, and
 * honour interrupts. Each test holds its release or interrupt back until the waiter provably waits. Implement it in a
 * {@link LockStoreContract}.
 */
public interface WaitingContract extends LockStoreFixture {

    /**
     * Return the longest delay between a release and a waiter's grant that this store promises: short for stores
     * that notify, a polling interval for those that poll.
     *
     * @return the delay
     */
    default Duration wakeUpBound() {
        return Duration.ofMillis(500);
    }

    @Test
    default void shouldWakeWaiterOnRelease() throws Exception {
        Lease holder = acquire("a", "alice");
        RecordingLockStore client = new RecordingLockStore(createIndependentClient());
        LockTemplate other = track(LockTemplate.of(client));
        CompletableFuture<Long> grantedAt = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = other.acquire(
                    request("a", "bob").waitTime(Duration.ofSeconds(30)).build())) {
                return System.nanoTime();
            }
        });
        awaitWaiting(client, "a");
        assertThat(grantedAt).isNotDone();
        long releasedAt = System.nanoTime();
        holder.close();
        long granted = grantedAt.get(30, TimeUnit.SECONDS);
        assertThat(granted).isGreaterThan(releasedAt);
        assertThat(Duration.ofNanos(granted - releasedAt)).isLessThan(wakeUpBound());
    }

    @Test
    default void shouldWakeWaiterOnExpiry() throws Exception {
        acquireShort("a", "alice");
        long start = System.nanoTime();
        try (Lease lease = template()
                .acquire(request("a", "bob").waitTime(Duration.ofSeconds(10)).build())) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(lease.owner()).isEqualTo("bob");
            assertThat(waited).isLessThan(SHORT.plus(wakeUpBound()).plusMillis(500));
        }
    }

    @Test
    default void shouldTimeOutWaitingAndNameTheHolder() {
        try (Lease holder = acquire("a", "alice")) {
            long start = System.nanoTime();
            LockResult result = template()
                    .tryAcquire(
                            request("a", "bob").waitTime(Duration.ofMillis(300)).build());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result).isInstanceOfSatisfying(LockResult.NotAcquired.class, (refused) -> {
                assertThat(refused.reason()).isEqualTo(LockResult.Reason.TIMED_OUT);
                assertThat(refused.holder()).isNotNull();
                assertThat(refused.holder().owner()).isEqualTo("alice");
                assertThat(refused.describe()).contains("[" + key("a") + "]", "within PT0.3S", "'alice'");
            });
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
            assertThat(listener().of("NotAcquired")).hasSize(1);
            assertThat(holder.isHeld()).isTrue();
        }
    }

    @Test
    default void shouldHonourInterruptWhileWaitingAndKeepTheFlag() throws Exception {
        try (Lease holder = acquire("a", "alice")) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagAfter = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    template().acquire(request("a", "bob").waitTime(LONG).build());
                } catch (Throwable ex) {
                    thrown.set(ex);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            awaitWaiting("a");
            waiter.interrupt();
            waiter.join(PATIENCE.toMillis());
            assertThat(waiter.isAlive()).isFalse();
            assertThat(thrown.get())
                    .isInstanceOf(LockInterruptedException.class)
                    .hasMessageContaining("[" + key("a") + "]");
            assertThat(flagAfter).isTrue();
            assertThat(holder.isHeld()).isTrue();
        }
    }
}
