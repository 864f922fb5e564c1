package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store crashes and restarts while one client holds a lock and two others wait for it, on throw-away servers (the
 * shared services are never stopped): Redis without persistence comes back empty, PostgreSQL recovers its WAL. Across
 * the crash no token is granted twice or below an earlier one, nobody enters the fenced register while another holder
 * is inside, the waiters are granted after the restart, and a holder whose lock went with Redis's data is told and
 * fenced off.
 */
class StoreCrashTests {

    private static final int WAITERS = 2;

    private final FencedRegister register = new FencedRegister();

    private final String namespace = "crash-" + UUID.randomUUID().toString().substring(0, 8);

    private final LockKey held = new LockKey(namespace, "a");

    private final LockKey free = new LockKey(namespace, "b");

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void closeEverything() throws Exception {
        executor.shutdownNow();
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void shouldKeepTokensGrowingAndGrantWaitersWhenRedisRestartsEmpty() throws Exception {
        ThrowAwayRedis redis = track(new ThrowAwayRedis());
        StoreTarget target = StoreTarget.redis(redis.service(), Duration.ofSeconds(10));
        InProcessClient history = track(InProcessClient.open(target, "history"));
        grantAndRelease(history, held, free);
        InProcessClient holder = track(InProcessClient.open(target, "holder"));
        Lease lease = holder.template()
                .acquire(LockRequest.of(held)
                        .owner("holder")
                        .lease(Duration.ofSeconds(3))
                        .build());
        assertThat(register.write(held.toString(), "holder", lease.token())).isEmpty();
        long heldBefore = register.highest(held.toString());
        long freeBefore = register.highest(free.toString());
        List<CrashWaiter> waiters = waiters(target);
        List<Future<Long>> granted = start(waiters);

        redis.crash();
        redis.start();

        for (Future<Long> token : granted) {
            assertThat(token.get(CrashWaiter.GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS))
                    .isGreaterThan(heldBefore);
        }
        await("the holder told its lock went with Redis's data")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !holder.listener().of("Lost").isEmpty());
        assertThat(register.write(held.toString(), "holder", lease.token())).isPresent();
        assertThatThrownBy(lease::close).isInstanceOf(LockLostException.class);
        assertThat(grantAndRelease(history, free)).isGreaterThan(freeBefore);
        assertThat(register.refusals()).singleElement().satisfies((refusal) -> {
            assertThat(refusal.operation()).isEqualTo("WRITE");
            assertThat(refusal.owner()).isEqualTo("holder");
        });
    }

    @Test
    void shouldKeepGrantsAndTokensAndGrantWaitersWhenPostgresCrashes() throws Exception {
        ThrowAwayPostgres postgres = track(new ThrowAwayPostgres());
        StoreTarget target = StoreTarget.jdbc(StoreKind.POSTGRES, postgres.service());
        InProcessClient history = track(InProcessClient.open(target, "history"));
        grantAndRelease(history, held, free);
        InProcessClient holder = track(InProcessClient.open(target, "holder"));
        Lease lease = holder.template()
                .acquire(LockRequest.of(held)
                        .owner("holder")
                        .lease(Duration.ofSeconds(20))
                        .build());
        assertThat(register.enter(held.toString(), "holder", lease.token())).isEmpty();
        long heldBefore = register.highest(held.toString());
        long freeBefore = register.highest(free.toString());
        List<CrashWaiter> waiters = waiters(target);
        List<Future<Long>> granted = start(waiters);

        postgres.crash();
        int renewalsBefore = holder.listener().of("Renewed").size();
        postgres.start();

        assertThat(inspectAfterRestart(history, held))
                .get()
                .satisfies((state) -> assertThat(state.token()).isEqualTo(lease.token()))
                .satisfies((state) -> assertThat(state.owner()).isEqualTo("holder"));
        await("the holder's watchdog renewing again after the restart")
                .atMost(Duration.ofSeconds(30))
                .until(() -> holder.listener().of("Renewed").size() > renewalsBefore);
        assertThat(granted).noneMatch(Future::isDone);
        assertThat(register.leave(held.toString(), "holder", lease.token())).isEmpty();
        assertThat(lease.release()).isTrue();
        for (Future<Long> token : granted) {
            assertThat(token.get(CrashWaiter.GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS))
                    .isGreaterThan(heldBefore);
        }
        assertThat(grantAndRelease(history, free)).isGreaterThan(freeBefore);
        assertThat(holder.listener().of("Lost")).isEmpty();
        assertThat(register.refusals()).isEmpty();
    }

    private List<CrashWaiter> waiters(StoreTarget target) {
        List<CrashWaiter> waiters = new ArrayList<>();
        for (int i = 1; i <= WAITERS; i++) {
            InProcessClient client = track(InProcessClient.open(target, "waiter-" + i));
            waiters.add(new CrashWaiter(client, register, held, "waiter-" + i));
        }
        return waiters;
    }

    private List<Future<Long>> start(List<CrashWaiter> waiters) {
        List<Future<Long>> granted = waiters.stream().map(executor::submit).toList();
        await("waiters blocked on the held lock")
                .atMost(Duration.ofSeconds(30))
                .until(() -> waiters.stream().allMatch(CrashWaiter::waiting));
        return granted;
    }

    /** Grant and release each key a few times through the register; return the last token. */
    private long grantAndRelease(InProcessClient client, LockKey... keys) {
        long token = 0;
        for (int round = 0; round < 3; round++) {
            for (LockKey key : keys) {
                try (Lease lease = client.template()
                        .acquire(LockRequest.of(key).owner("history").build())) {
                    token = lease.token();
                    register.enter(key.toString(), "history", token);
                    register.leave(key.toString(), "history", token);
                }
            }
        }
        return token;
    }

    private static Optional<LockState> inspectAfterRestart(InProcessClient client, LockKey key) {
        Optional<LockState>[] state = new Optional[1];
        await("the store answering again")
                .atMost(Duration.ofSeconds(60))
                .ignoreException(LockStoreException.class)
                .until(() -> {
                    state[0] = client.opened().store().inspect(key);
                    return true;
                });
        return state[0];
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }
}
