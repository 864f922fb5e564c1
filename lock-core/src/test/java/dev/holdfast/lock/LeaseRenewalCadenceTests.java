package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's cadence: a lease is renewed no sooner than a quarter of the way through it, however the grants are
 * spread in time, so a fleet of leases costs the store about three renewals per lease per lease time, not six.
 */
class LeaseRenewalCadenceTests {

    private static final Duration LEASE = Duration.ofMillis(1200);

    private static final int LEASES = 24;

    private final ScheduledExecutorService granter = Executors.newSingleThreadScheduledExecutor();

    private LockTemplate template;

    @AfterEach
    void close() {
        granter.shutdownNow();
        if (template != null) {
            template.close();
        }
    }

    @Test
    void shouldRenewSpreadLeasesNoSoonerThanAQuarterOfTheirLease() throws Exception {
        DelegatingStore store = new DelegatingStore(new InMemoryLockStore());
        template = LockTemplate.builder(store).instanceId("cadence").build();
        // Grants spread over a third of the lease: each lease's renewal point falls between others', so a watchdog
        // that swept every lease past some fraction on every tick would renew each one as soon as it got there.
        List<ScheduledFuture<Lease>> grants = new ArrayList<>();
        for (int i = 0; i < LEASES; i++) {
            String id = "job-" + i;
            grants.add(granter.schedule(
                    () -> template.acquire(LockRequest.of("cadence", id)
                            .lease(LEASE)
                            .autoRenew(true)
                            .build()),
                    i * LEASE.toMillis() / 3 / LEASES,
                    TimeUnit.MILLISECONDS));
        }
        for (ScheduledFuture<Lease> grant : grants) {
            grant.get(10, TimeUnit.SECONDS);
        }
        await("four renewals of every lease")
                .atMost(Duration.ofSeconds(30))
                .until(() -> store.renewalTimes.size() == LEASES
                        && store.renewalTimes.values().stream().allMatch((times) -> times.size() >= 4));
        long quarter = LEASE.toNanos() / 4;
        long slack = Duration.ofMillis(20).toNanos();
        store.renewalTimes.forEach((key, times) -> {
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1))
                        .as("nanoseconds between renewals %d and %d of [%s]", i - 1, i, key)
                        .isGreaterThanOrEqualTo(quarter - slack);
            }
        });
        assertThat(grants)
                .allSatisfy((grant) -> assertThat(grant.get().isHeld()).isTrue());
    }
}
