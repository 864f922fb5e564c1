package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The mailbox contract's rules of waiting and fencing: a waiting caller is woken by the store when the mailbox lock
 * is released and when its result is written (not at a polling interval), and a holder whose lease was lost can no
 * longer change the mailbox's queue. Implement it beside {@link MailboxContract}.
 */
public interface MailboxWaitingContract extends MailboxFixture {

    /**
     * Return how soon after a release or a written result a waiting caller must have its answer: well under the
     * stores' re-check interval, so that a caller found only by re-checking fails.
     *
     * @return the bound
     */
    default Duration mailboxWakeUpBound() {
        return Duration.ofMillis(500);
    }

    @Test
    default void shouldWakeAWaitingCallerWhenTheMailboxLockIsReleased() throws Exception {
        Mailboxes mailboxes = instance("node-b", SETTINGS, (payload) -> "done:" + payload);
        Lease held = holdMailbox("acct");
        FutureTask<Answered> call =
                new FutureTask<>(() -> new Answered(mailboxes.call(type(), "acct", "x"), System.nanoTime()));
        Thread caller = new Thread(call, "contract-caller");
        caller.setDaemon(true);
        caller.start();
        awaitParkedOnTheStoresWatch(caller);
        assertThat(call).isNotDone();
        assertThat(mailboxStore().depth(mailbox("acct"))).isEqualTo(1);
        long releasedAt = System.nanoTime();
        held.release();
        Answered answered = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(answered.result()).isEqualTo("done:x");
        assertThat(Duration.ofNanos(answered.at() - releasedAt)).isLessThan(mailboxWakeUpBound());
    }

    @Test
    default void shouldWakeAWaitingCallerWhenItsResultIsWrittenWhileTheLockStaysHeld() throws Exception {
        CountDownLatch firstGoes = new CountDownLatch(1);
        CountDownLatch lastEntered = new CountDownLatch(1);
        CountDownLatch lastGoes = new CountDownLatch(1);
        AtomicLong middleDoneAt = new AtomicLong();
        FrameHandler handler = (payload) -> {
            switch (payload) {
                case "first" -> firstGoes.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                case "last" -> {
                    lastEntered.countDown();
                    lastGoes.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
                default -> middleDoneAt.set(System.nanoTime());
            }
            return "done:" + payload;
        };
        Mailboxes runner = instance("node-runner", SETTINGS, handler);
        Mailboxes waiter = instance("node-waiter", SETTINGS, handler);
        CompletableFuture<String> first = runner.callAsync(type(), "acct", "first");
        awaitDepth("acct", 1);
        CompletableFuture<Long> middleAnsweredAt =
                waiter.callAsync(type(), "acct", "middle").thenApply((result) -> System.nanoTime());
        awaitDepth("acct", 2);
        CompletableFuture<String> last = runner.callAsync(type(), "acct", "last");
        awaitDepth("acct", 3);
        firstGoes.countDown();
        assertThat(lastEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long answered = middleAnsweredAt.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(last).isNotDone();
        assertThat(Duration.ofNanos(answered - middleDoneAt.get())).isLessThan(mailboxWakeUpBound());
        lastGoes.countDown();
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:first");
        assertThat(last.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:last");
    }

    @Test
    default void shouldDrainOnlyOnceTheHolderReleasesTheMailbox() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Mailboxes mailboxes = instance("node-b", SETTINGS, (payload) -> {
            ran.add(payload);
            return null;
        });
        for (int i = 0; i < 3; i++) {
            MailboxFrame frame =
                    new MailboxFrame(type() + "-d" + i, mailbox("acct"), "d" + i, List.of(), 0, Instant.now());
            assertThat(mailboxStore().enqueue(frame, 10)).isTrue();
        }
        Lease held = holdMailbox("acct");
        CompletableFuture<Integer> drained = new CompletableFuture<>();
        Thread drainer = new Thread(() -> drained.complete(mailboxes.drain(type(), "acct")), "contract-drainer");
        drainer.setDaemon(true);
        drainer.start();
        awaitParkedOnTheStoresWatch(drainer);
        assertThat(drained).isNotDone();
        assertThat(ran).isEmpty();
        held.release();
        assertThat(drained.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(ran).containsExactly("d0", "d1", "d2");
    }

    @Test
    default void shouldRefuseQueueStepsFencedByALostLease() {
        MailboxStore store = mailboxStore();
        MailboxFrame frame = new MailboxFrame(type() + "-f1", mailbox("acct"), "x", List.of(), 0, Instant.now());
        assertThat(store.enqueue(frame, 10)).isTrue();
        LockRequest.Builder lock = LockRequest.of(MailboxStore.lockKey(mailbox("acct")))
                .lease(SHORT)
                .autoRenew(false);
        long stale = template().acquire(lock.owner("paused").build()).token();
        awaitExpired(MailboxStore.lockKey(mailbox("acct")));
        try (Lease current = template().acquire(lock.owner("next").lease(LONG).build())) {
            FrameResult.Failed failure = new FrameResult.Failed("E", "stale", 1, true);
            assertThat(store.begin(mailbox("acct"), frame.callId(), stale)).isEmpty();
            assertThat(store.take(mailbox("acct"), frame.callId(), stale)).isEmpty();
            assertThat(store.complete(mailbox("acct"), frame.callId(), stale, failure, LONG))
                    .isFalse();
            assertThat(store.deadLetter(mailbox("acct"), frame.callId(), stale, failure, LONG))
                    .isFalse();
            assertThat(store.head(mailbox("acct"))).contains(frame);
            assertThat(store.result(frame.callId())).isEmpty();
            assertThat(store.begin(mailbox("acct"), frame.callId(), current.token()))
                    .contains(frame.begun());
            assertThat(store.complete(
                            mailbox("acct"), frame.callId(), current.token(), new FrameResult.Returned("ok"), LONG))
                    .isTrue();
            assertThat(store.result(frame.callId())).contains(new FrameResult.Returned("ok"));
            assertThat(store.depth(mailbox("acct"))).isZero();
        }
    }

    /**
     * Wait until a caller was refused the mailbox lock, found it still held and is parked on the store's
     * {@link MailboxWatch} (a watch parks with itself as the blocker): only a wake-up from the store, or its re-check,
     * lets it go on from there. Releasing earlier would let the caller take the lock at its first attempt, and the
     * test would pass with wake-ups broken.
     */
    private static void awaitParkedOnTheStoresWatch(Thread caller) {
        await("thread " + caller.getName() + " parked on the store's mailbox watch")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(2))
                .until(() -> LockSupport.getBlocker(caller) instanceof MailboxWatch);
    }

    /** A call's result and when its caller had it. */
    record Answered(@Nullable String result, long at) {}

    private void awaitExpired(LockKey lock) {
        await("lock [" + lock + "] expired")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store().inspect(lock).isEmpty());
    }
}
