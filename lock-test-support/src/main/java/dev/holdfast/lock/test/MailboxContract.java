package dev.holdfast.lock.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.mailbox.DeliveryMode;
import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.FrameTooLargeException;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.MailboxCycleException;
import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.MailboxFullException;
import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.MailboxFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The mailbox contract's rules of order, exclusion and calls (SPEC §7): FIFO per mailbox, no two frames of a mailbox
 * at once across instances, different mailboxes in parallel, each caller its own answer, bounded depth and frame
 * size, inline re-entry, cycle detection and drains. Implement it in a {@link LockStoreContract} whose store is a
 * {@link dev.holdfast.lock.spi.MailboxStore}; {@link MailboxDeliveryContract} holds the rules of failures.
 */
public interface MailboxContract extends MailboxFixture {

    @Test
    default void shouldRunFramesInArrivalOrder() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            ran.add(payload);
            return "done:" + payload;
        });
        List<CompletableFuture<String>> calls = new ArrayList<>();
        try (Lease held = holdMailbox("order-1")) {
            for (int i = 0; i < 20; i++) {
                calls.add(mailboxes.callAsync(type(), "order-1", "event-" + i));
            }
            assertThat(mailboxStore().depth(mailbox("order-1"))).isEqualTo(20);
            assertThat(ran).isEmpty();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(calls.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:event-" + i);
        }
        assertThat(ran)
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj((i) -> "event-" + i).toList());
        assertThat(mailboxStore().depth(mailbox("order-1"))).isZero();
    }

    @Test
    default void shouldNeverRunTwoFramesOfOneMailboxAtOnceAcrossInstances() throws Exception {
        Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
        Map<String, int[]> counters = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        FrameHandler handler = (payload) -> {
            String id = MailboxContext.current().orElseThrow().mailbox().id();
            AtomicBoolean flag = inFlight.computeIfAbsent(id, (key) -> new AtomicBoolean());
            if (!flag.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            int[] counter = counters.computeIfAbsent(id, (key) -> new int[1]);
            int seen = counter[0];
            for (int spin = 0; spin < 2_000; spin++) {
                Thread.onSpinWait();
            }
            counter[0] = seen + 1;
            flag.set(false);
            return "done:" + payload;
        };
        List<Mailboxes> instances = List.of(
                instance("node-1", SETTINGS, handler),
                instance("node-2", SETTINGS, handler),
                instance("node-3", SETTINGS, handler));
        int threads = 8;
        int callsPerThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        String id = "account-" + (i % 2);
                        String payload = "t" + thread + "-" + i;
                        String result = instances.get((thread + i) % 3).call(type(), id, payload);
                        assertThat(result).isEqualTo("done:" + payload);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(counters.get("account-0")[0] + counters.get("account-1")[0]).isEqualTo(threads * callsPerThread);
        assertThat(mailboxStore().depth(mailbox("account-0")) + mailboxStore().depth(mailbox("account-1")))
                .isZero();
    }

    @Test
    default void shouldRunDifferentMailboxesInParallel() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            if (payload.equals("first")) {
                firstEntered.countDown();
                return secondRan.await(PATIENCE.toSeconds(), TimeUnit.SECONDS) ? "first saw second" : "alone";
            }
            secondRan.countDown();
            return "second";
        });
        CompletableFuture<String> first = mailboxes.callAsync(type(), "a", "first");
        assertThat(firstEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(mailboxes.call(type(), "b", "second")).isEqualTo("second");
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("first saw second");
    }

    @Test
    default void shouldHandEachCallerItsOwnFailureAcrossInstances() throws Exception {
        FrameHandler handler = (payload) -> {
            if (payload.startsWith("fail")) {
                throw new IllegalStateException("bad " + payload);
            }
            return "done:" + payload;
        };
        MailboxSettings settings = settings().mode(DeliveryMode.AT_MOST_ONCE).build();
        List<Mailboxes> instances =
                List.of(instance("node-1", settings, handler), instance("node-2", settings, handler));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        String payload = ((i % 3 == 0) ? "fail-" : "ok-") + thread + "-" + i;
                        Mailboxes mailboxes = instances.get((thread + i) % 2);
                        if (payload.startsWith("fail")) {
                            assertThatExceptionOfType(MailboxException.class)
                                    .isThrownBy(() -> mailboxes.call(type(), "shared", payload))
                                    .withMessageContaining("[" + mailbox("shared") + "]")
                                    .withMessageContaining("bad " + payload)
                                    .havingCause()
                                    .withMessageContaining("bad " + payload);
                        } else {
                            assertThat(mailboxes.call(type(), "shared", payload))
                                    .isEqualTo("done:" + payload);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void shouldRefuseACallBeyondTheDepthLimitAtOnce() throws Exception {
        Mailboxes mailboxes =
                mailboxes(settings().maxDepth(2).maxFrameSize(1024).build(), (payload) -> "done:" + payload);
        CompletableFuture<String> first;
        CompletableFuture<String> second;
        try (Lease held = holdMailbox("busy")) {
            first = mailboxes.callAsync(type(), "busy", "1");
            second = mailboxes.callAsync(type(), "busy", "2");
            assertThatExceptionOfType(MailboxFullException.class)
                    .isThrownBy(() -> mailboxes.call(type(), "busy", "3"))
                    .withMessageContaining("[" + mailbox("busy") + "]")
                    .withMessageContaining("limit of 2");
            assertThat(mailboxStore().depth(mailbox("busy"))).isEqualTo(2);
        }
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:1");
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:2");
        assertThat(mailboxes.call(type(), "busy", "3")).isEqualTo("done:3");
    }

    @Test
    default void shouldRefuseAFrameOverTheSizeLimitNamingIt() {
        AtomicInteger runs = new AtomicInteger();
        Mailboxes mailboxes = mailboxes(
                settings().maxDepth(100).maxFrameSize(16).build(), (payload) -> "run " + runs.incrementAndGet());
        assertThat(mailboxes.call(type(), "small", "é".repeat(8))).isEqualTo("run 1");
        assertThatExceptionOfType(FrameTooLargeException.class)
                .isThrownBy(() -> mailboxes.call(type(), "small", "é".repeat(9)))
                .withMessageContaining("[" + mailbox("small") + "]")
                .withMessageContaining("18 bytes")
                .withMessageContaining("limit of 16 bytes");
        assertThat(mailboxStore().depth(mailbox("small"))).isZero();
        assertThat(runs).hasValue(1);
    }

    @Test
    default void shouldRunACallToItsOwnMailboxInline() {
        List<String> frames = new CopyOnWriteArrayList<>();
        Mailboxes[] self = new Mailboxes[1];
        self[0] = mailboxes(SETTINGS, (payload) -> {
            frames.add(MailboxContext.current().orElseThrow().callId());
            if (payload.equals("outer")) {
                return "outer(" + self[0].call(type(), "me", "inner") + ")";
            }
            return "inner";
        });
        long start = System.nanoTime();
        assertThat(self[0].call(type(), "me", "outer")).isEqualTo("outer(inner)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE.dividedBy(2));
        assertThat(frames).hasSize(2).containsOnly(frames.get(0));
    }

    @Test
    default void shouldFailACallIntoAMailboxOnItsChainAtOnceNamingTheChain() {
        Mailboxes[] self = new Mailboxes[1];
        self[0] = mailboxes(SETTINGS, (payload) -> switch (payload) {
            case "a-calls-b" -> "a got " + self[0].call(type(), "b", "b-calls-a");
            case "b-calls-a" -> {
                try {
                    yield "b ran " + self[0].call(type(), "a", "never");
                } catch (MailboxCycleException ex) {
                    yield "cycle: " + ex.getMessage() + " chain " + ex.chain();
                }
            }
            default -> "ran " + payload;
        });
        long start = System.nanoTime();
        String result = self[0].call(type(), "a", "a-calls-b");
        assertThat(result)
                .startsWith("a got cycle:")
                .contains("[" + mailbox("a") + "] -> [" + mailbox("b") + "] -> [" + mailbox("a") + "]")
                .contains("chain " + List.of(mailbox("a"), mailbox("b")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE.dividedBy(2));
        assertThat(mailboxStore().depth(mailbox("a")) + mailboxStore().depth(mailbox("b")))
                .isZero();
    }

    @Test
    default void shouldDrainEveryMailboxOfATypeWithWork() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Mailboxes mailboxes = mailboxes(SETTINGS, (payload) -> {
            ran.add(payload);
            return null;
        });
        List<String> callIds = new ArrayList<>();
        for (String id : List.of("x", "y", "z")) {
            for (int i = 0; i < 2; i++) {
                MailboxFrame frame =
                        new MailboxFrame(type() + "-" + id + "-" + i, mailbox(id), id + i, List.of(), 0, Instant.now());
                assertThat(mailboxStore().enqueue(frame, 10)).isTrue();
                callIds.add(frame.callId());
            }
        }
        assertThat(mailboxStore().mailboxesWithWork(type(), 10))
                .containsExactlyInAnyOrder(mailbox("x"), mailbox("y"), mailbox("z"));
        assertThat(mailboxes.drainAll(type())).isEqualTo(6);
        assertThat(ran).containsExactlyInAnyOrder("x0", "x1", "y0", "y1", "z0", "z1");
        assertThat(ran.indexOf("x0")).isLessThan(ran.indexOf("x1"));
        assertThat(mailboxStore().mailboxesWithWork(type(), 10)).isEmpty();
        assertThat(callIds)
                .allSatisfy(
                        (callId) -> assertThat(mailboxStore().result(callId)).isPresent());
        assertThat(mailboxes.drain(type(), "x")).isZero();
    }
}
