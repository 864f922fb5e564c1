package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A frozen network between a client and Redis: a {@link TcpProxy} in front of a throw-away Redis stops forwarding
 * without closing anything, so the client hears nothing until its own timeouts. A frozen holder must be told its
 * lease was lost by the lease's deadline (not when the network comes back, nor at Lettuce's 60 s command timeout),
 * and nobody else may be granted before that deadline has passed on the holder's side; a frozen acquirer fails
 * within its command timeout and is never granted.
 */
class NetworkFreezeTests {

    private static final Duration LEASE = Duration.ofSeconds(3);

    /** How late after its deadline a loss may be reported: the watchdog's period and a loaded machine's delays. */
    private static final Duration REPORTING_SLACK = Duration.ofMillis(1500);

    private final LockKey key =
            new LockKey("freeze-" + UUID.randomUUID().toString().substring(0, 8), "k");

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private ThrowAwayRedis redis;

    private TcpProxy proxy;

    @BeforeEach
    void startRedisBehindProxy() {
        redis = track(new ThrowAwayRedis());
        proxy = track(new TcpProxy("127.0.0.1", redis.service().port()));
    }

    @AfterEach
    void closeEverything() throws Exception {
        proxy.cut();
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void shouldReportLossByTheLeaseDeadlineWhileTheNetworkToRedisIsFrozen() throws Exception {
        StoreTarget direct = StoreTarget.redis(redis.service(), Duration.ofSeconds(10));
        StoreTarget frozen = behindProxy(direct, Duration.ZERO); // Lettuce's default command timeout: 60 s
        TimedLoss loss = new TimedLoss();
        OpenedStore holderStore = track(frozen.open());
        LockTemplate holder = track(LockTemplate.builder(holderStore.store())
                .instanceId("holder")
                .watchdogPeriod(Duration.ofMillis(100))
                .listener(loss)
                .build());
        InProcessClient contender = track(InProcessClient.open(direct, "other"));
        Lease lease =
                holder.acquire(LockRequest.of(key).owner("holder").lease(LEASE).build());
        await("a renewal through the proxy").atMost(Duration.ofSeconds(10)).until(() -> loss.renewals.get() > 0);

        proxy.freeze();
        long frozenAt = System.nanoTime();
        Duration holderLeft = lease.remaining();
        CompletableFuture<Grant> grant = CompletableFuture.supplyAsync(() -> {
            try (Lease granted = contender
                    .template()
                    .acquire(LockRequest.of(key)
                            .owner("other")
                            .waitTime(Duration.ofSeconds(30))
                            .build())) {
                return new Grant(System.nanoTime(), lease.isHeld());
            }
        });

        await("the frozen holder told its lease was lost")
                .atMost(LEASE.plus(REPORTING_SLACK).plusSeconds(3))
                .until(() -> loss.lostAt.get() != 0);
        assertThat(Duration.ofNanos(loss.lostAt.get() - frozenAt))
                .describedAs("time from the freeze to the loss report")
                .isLessThanOrEqualTo(LEASE.plus(REPORTING_SLACK));
        assertThat(lease.isHeld()).isFalse();
        Grant other = grant.get(30, TimeUnit.SECONDS);
        assertThat(other.holderHeld())
                .describedAs("the holder's lease still live on its side when the other client was granted")
                .isFalse();
        assertThat(Duration.ofNanos(other.at() - frozenAt))
                .describedAs("time from the freeze to the other client's grant; the holder had %s left", holderLeft)
                .isGreaterThanOrEqualTo(holderLeft);
        proxy.thaw();
        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class);
    }

    @Test
    void shouldFailWithinCommandTimeoutAndNeverGrantThroughAFrozenNetwork() {
        StoreTarget direct = StoreTarget.redis(redis.service(), Duration.ofSeconds(10));
        StoreTarget frozen = behindProxy(direct, Duration.ofSeconds(1));
        InProcessClient client = track(InProcessClient.open(frozen, "client"));
        client.template().acquire(LockRequest.of(key).owner("client").build()).close();

        proxy.freeze();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.template()
                        .acquire(LockRequest.of(key).owner("client").build()))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("[" + key + "]");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.template().heldCount()).isZero();
        proxy.cut();

        InProcessClient other = track(InProcessClient.open(direct, "other"));
        assertThat(other.opened().store().inspect(key)).isEmpty();
        other.template().acquire(LockRequest.of(key).owner("other").build()).close();
    }

    private StoreTarget behindProxy(StoreTarget direct, Duration timeout) {
        return direct.at("127.0.0.1:" + proxy.port(), timeout);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /**
     * When another client was granted the lock, and whether the frozen holder then still thought it held it.
     *
     * @param at {@link System#nanoTime()} of the grant
     * @param holderHeld the holder's {@link Lease#isHeld()} at that moment
     */
    private record Grant(long at, boolean holderHeld) {}

    /** Records when the first loss was reported, and how many renewals went through. */
    private static final class TimedLoss implements LockListener {

        private final AtomicLong lostAt = new AtomicLong();

        private final AtomicLong renewals = new AtomicLong();

        @Override
        public void onRenewed(LockEvent event) {
            renewals.incrementAndGet();
        }

        @Override
        public void onLost(LockEvent event) {
            lostAt.compareAndSet(0, System.nanoTime());
        }
    }
}
