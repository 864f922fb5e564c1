package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The behaviour of {@link JdbcOfflineLocks}, run against each database by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOfflineLocksTests {

    static final LockTarget PATIENT = LockTarget.of("Patient", 42);

    static final LockTarget OTHER_PATIENT = LockTarget.of("Patient", 43);

    final List<String> expired = new CopyOnWriteArrayList<>();

    HikariDataSource dataSource;

    JdbcOfflineLocks locks;

    abstract HikariDataSource createDataSource();

    @BeforeAll
    void startDatabase() {
        this.dataSource = createDataSource();
        TestDatabases.createSchema(this.dataSource);
        this.locks = new JdbcOfflineLocks(
                this.dataSource,
                Duration.ofMinutes(15),
                (lock, cause) -> this.expired.add(lock.holder() + "@" + lock.target() + ":" + cause),
                null);
    }

    @AfterAll
    void stopDatabase() {
        this.dataSource.close();
    }

    @BeforeEach
    void clearTable() {
        new JdbcTemplate(this.dataSource).update("DELETE FROM holdfast_offline_lock");
        this.expired.clear();
    }

    @Test
    void shouldFindTheLockTable() {
        this.locks.verifyTable();
    }

    @Test
    void shouldAcquireFreeTargetWithReasonAndExpiryOnDatabaseClock() {
        OfflineLockResult result = this.locks.acquire(PATIENT, "Dr Green", "editing");

        assertThat(result).isInstanceOfSatisfying(OfflineLockResult.Acquired.class, (acquired) -> {
            OfflineLock lock = acquired.locks().get(0);
            assertThat(lock.target()).isEqualTo(PATIENT);
            assertThat(lock.holder()).isEqualTo("Dr Green");
            assertThat(lock.reason()).isEqualTo("editing");
            assertThat(lock.token()).isPositive();
            assertThat(Duration.between(lock.since(), lock.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.holder()).isEqualTo("Dr Green"));
    }

    @Test
    void shouldRefuseOtherHolderWhileLockIsLiveNamingHolderAndReason() {
        OfflineLock held = acquired(this.locks.acquire(PATIENT, "Dr Green", "editing"));

        OfflineLockResult result = this.locks.acquire(PATIENT, "Dr Brown", "prescribing");

        assertThat(result).isInstanceOfSatisfying(OfflineLockResult.Refused.class, (refused) -> {
            assertThat(refused.target()).isEqualTo(PATIENT);
            assertThat(refused.holder()).isEqualTo("Dr Green");
            assertThat(refused.reason()).isEqualTo("editing");
            assertThat(refused.since()).isEqualTo(held.since());
            assertThat(refused.expiresAt()).isEqualTo(held.expiresAt());
            assertThat(refused.ownLock()).isFalse();
            assertThat(refused.describe()).contains("Patient:42", "'Dr Green'", "(editing)");
        });
    }

    @Test
    void shouldReacquireForSameHolderKeepingTokenAndRenewingSlidingExpiry() {
        OfflineLock first = acquired(this.locks.acquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofSeconds(5))));

        OfflineLock again = acquired(this.locks.acquire(PATIENT, "Dr Green", "saving"));

        assertThat(again.token()).isEqualTo(first.token());
        assertThat(again.since()).isEqualTo(first.since());
        assertThat(again.reason()).isEqualTo("saving");
        assertThat(again.expiresAt()).isAfter(first.expiresAt());
    }

    @Test
    void shouldAcquireAllTargetsOrNone() {
        acquired(this.locks.acquire(OTHER_PATIENT, "Dr Brown", "editing"));
        LockTarget appointment = LockTarget.of("Appointment", 7);

        OfflineLockResult result = this.locks.acquire(List.of(appointment, PATIENT, OTHER_PATIENT), "Dr Green", "x");

        assertThat(result)
                .isInstanceOfSatisfying(
                        OfflineLockResult.Refused.class,
                        (refused) -> assertThat(refused.target()).isEqualTo(OTHER_PATIENT));
        assertThat(this.locks.find(appointment)).isEmpty();
        assertThat(this.locks.find(PATIENT)).isEmpty();
        assertThat(this.locks.acquire(List.of(appointment, PATIENT), "Dr Green", "x"))
                .isInstanceOfSatisfying(
                        OfflineLockResult.Acquired.class,
                        (acquired) -> assertThat(acquired.locks())
                                .extracting(OfflineLock::target)
                                .containsExactly(appointment, PATIENT));
    }

    @Test
    void shouldRefuseHoldersOwnLockWhenAskedForNewLockOnly() {
        acquired(this.locks.acquire(PATIENT, "Dr Green", "editing"));

        OfflineLockResult result = this.locks.acquire(
                OfflineLockRequest.of("Dr Green", "again", PATIENT).newOnly());

        assertThat(result)
                .isInstanceOfSatisfying(
                        OfflineLockResult.Refused.class,
                        (refused) -> assertThat(refused.ownLock()).isTrue());
    }

    @Test
    void shouldRefuseEveryoneWhileOneTimeLockLives() {
        OfflineLock lock = acquired(this.locks.acquire(OfflineLockRequest.oneTime("import", PATIENT)));
        assertThat(lock.oneTime()).isTrue();

        assertThat(this.locks
                        .acquire(OfflineLockRequest.oneTime("import", PATIENT))
                        .acquired())
                .isFalse();
        assertThat(this.locks.acquire(PATIENT, "Dr Green", "editing").acquired())
                .isFalse();
        assertThat(this.locks.releaseOneTime(PATIENT)).isTrue();
        assertThat(this.locks
                        .acquire(OfflineLockRequest.oneTime("import", PATIENT))
                        .acquired())
                .isTrue();
    }

    @Test
    void shouldLetAnotherHolderTakeOverIdleLockAndCallExpiryHook() {
        OfflineLock stale = acquired(this.locks.acquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(300))));
        assertThat(this.locks.acquire(PATIENT, "Dr Brown", "editing").acquired())
                .isFalse();

        OfflineLockResult taken = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.acquire(PATIENT, "Dr Brown", "editing"), OfflineLockResult::acquired);

        assertThat(acquired(taken).token()).isGreaterThan(stale.token());
        assertThat(this.expired).containsExactly("Dr Green@Patient:42:TAKEN_OVER");
    }

    @Test
    void shouldSweepStaleLocksAndCallExpiryHook() {
        acquired(this.locks.acquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(200))));
        acquired(this.locks.acquire(OTHER_PATIENT, "Dr Green", "editing"));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.find(PATIENT).isEmpty());
        assertThat(this.locks.sweep()).isEqualTo(1);

        assertThat(this.expired).containsExactly("Dr Green@Patient:42:SWEPT");
        assertThat(this.locks.heldBy("Dr Green"))
                .extracting(OfflineLock::target)
                .containsExactly(OTHER_PATIENT);
        assertThat(this.locks.sweep()).isZero();
    }

    @Test
    void shouldNeverExpireLockMarkedNeverExpiring() {
        OfflineLock lock = acquired(this.locks.acquire(
                OfflineLockRequest.of("night batch", "billing", PATIENT).neverExpiring()));

        assertThat(lock.neverExpires()).isTrue();
        assertThat(this.locks.sweep()).isZero();
        assertThat(this.locks.acquire(PATIENT, "Dr Green", "editing").acquired())
                .isFalse();
        assertThat(this.locks.release(PATIENT, "night batch")).isTrue();
        assertThat(this.locks.acquire(PATIENT, "Dr Green", "editing").acquired())
                .isTrue();
    }

    @Test
    void shouldReleaseOnlyTheHoldersOwnLock() {
        acquired(this.locks.acquire(PATIENT, "Dr Green", "editing"));

        assertThat(this.locks.release(PATIENT, "Dr Brown")).isFalse();
        assertThat(this.locks.find(PATIENT)).isPresent();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isTrue();
        assertThat(this.locks.find(PATIENT)).isEmpty();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isFalse();
    }

    @Test
    void shouldReleaseAllLocksOfHolderAtLogout() {
        acquired(this.locks.acquire(List.of(PATIENT, OTHER_PATIENT), "Dr Green", "editing"));
        acquired(this.locks.acquire(LockTarget.of("Patient", 44), "Dr Brown", "editing"));

        assertThat(this.locks.releaseAll("Dr Green")).isEqualTo(2);

        assertThat(this.locks.heldBy("Dr Green")).isEmpty();
        assertThat(this.locks.heldBy("Dr Brown")).hasSize(1);
    }

    @Test
    void shouldIncreaseFencingTokenAcrossReleaseAndExpiry() {
        long first =
                acquired(this.locks.acquire(PATIENT, "Dr Green", "editing")).token();
        this.locks.release(PATIENT, "Dr Green");
        long second = acquired(this.locks.acquire(
                        OfflineLockRequest.of("Dr Brown", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(100))))
                .token();
        OfflineLockResult third = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.acquire(PATIENT, "Dr Green", "editing"), OfflineLockResult::acquired);

        assertThat(second).isGreaterThan(first);
        assertThat(acquired(third).token()).isGreaterThan(second);
    }

    @Test
    void shouldLockIdsAndHoldersWithQuotesAndUnicode() {
        LockTarget odd = LockTarget.of("Patient's \"file\"", "O'Brien'); DROP TABLE x; --ü{}:");

        acquired(this.locks.acquire(odd, "Dr O'Neil \"Jr\"", "it's"));

        assertThat(this.locks.find(odd))
                .hasValueSatisfying((lock) -> assertThat(lock.holder()).isEqualTo("Dr O'Neil \"Jr\""));
        assertThat(this.locks.acquire(odd, "Dr Brown", null).acquired()).isFalse();
        assertThat(this.locks.release(odd, "Dr O'Neil \"Jr\"")).isTrue();
    }

    @Test
    void shouldRefuseNullIdWithMessageNamingTheType() {
        assertThatExceptionOfType(InvalidLockTargetException.class)
                .isThrownBy(() -> LockTarget.of("Patient", null))
                .withMessageContaining("[Patient]")
                .withMessageContaining("null id");
    }

    @Test
    void shouldRunActionWithLockAndAlwaysRelease() {
        String result = this.locks.withLock(OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> {
            assertThat(this.locks.find(PATIENT)).isPresent();
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(this.locks.find(PATIENT)).isEmpty();

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> this.locks.withLock(OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> {
                    throw new IllegalStateException("boom");
                }));
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldThrowFromWithLockWhenRefusedWithoutRunningAction() {
        acquired(this.locks.acquire(PATIENT, "Dr Brown", "editing"));
        List<String> ran = new CopyOnWriteArrayList<>();

        assertThatExceptionOfType(OfflineLockRefusedException.class)
                .isThrownBy(() -> this.locks.withLock(
                        OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> ran.add("ran")))
                .withMessageContaining("'Dr Brown'")
                .satisfies((ex) -> assertThat(ex.getRefusal().holder()).isEqualTo("Dr Brown"));
        assertThat(ran).isEmpty();
        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.holder()).isEqualTo("Dr Brown"));
    }

    @Test
    void shouldKeepAcquisitionAndReleaseWhenCallersTransactionRollsBack() {
        TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));

        caller.executeWithoutResult((status) -> {
            acquired(this.locks.acquire(PATIENT, "Dr Green", "editing"));
            status.setRollbackOnly();
        });
        assertThat(this.locks.find(PATIENT)).isPresent();

        caller.executeWithoutResult((status) -> {
            this.locks.release(PATIENT, "Dr Green");
            status.setRollbackOnly();
        });
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldGrantOneOfRacingAcquirersAndRefuseTheOthersCleanly() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                LockTarget target = LockTarget.of("Race", round);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<OfflineLockResult>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String holder = "holder-" + i;
                    results.add(pool.submit(() -> {
                        start.await(5, TimeUnit.SECONDS);
                        return this.locks.acquire(target, holder, "racing");
                    }));
                }
                int granted = 0;
                for (Future<OfflineLockResult> result : results) {
                    granted += result.get(20, TimeUnit.SECONDS).acquired() ? 1 : 0;
                }
                assertThat(granted).as("grants in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNeverLetTwoHoldersOverlapOnSharedTargets() throws Exception {
        int threads = 6;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        LockTarget a = LockTarget.of("Ward", "a");
        LockTarget b = LockTarget.of("Ward", "b");
        LockTarget c = LockTarget.of("Ward", "c");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String holder = "nurse-" + i;
                List<LockTarget> targets = (i % 2 == 0) ? List.of(b, a) : List.of(c, b);
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 15; n++) {
                        if (this.locks.acquire(targets, holder, "round " + n).acquired()) {
                            grants.incrementAndGet();
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                            targets.forEach((target) -> this.locks.release(target, holder));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostInside.get()).isEqualTo(1);
        assertThat(grants.get()).isPositive();
    }

    static OfflineLock acquired(OfflineLockResult result) {
        assertThat(result).isInstanceOf(OfflineLockResult.Acquired.class);
        return ((OfflineLockResult.Acquired) result).locks().get(0);
    }
}
