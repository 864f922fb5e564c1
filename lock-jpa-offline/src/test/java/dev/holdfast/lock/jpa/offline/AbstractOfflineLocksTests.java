package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jdbc.LockTableMissingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/** The behaviour of {@link JdbcOfflineLocks}, run against each database by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOfflineLocksTests {

    static final LockKey PATIENT = LockKey.of("Patient", 42);

    static final LockKey OTHER_PATIENT = LockKey.of("Patient", 43);

    /** An idle timeout short enough to let a control lock expire within a test. */
    static final Duration SHORT_IDLE = Duration.ofMillis(300);

    final List<String> expired = new CopyOnWriteArrayList<>();

    HikariDataSource dataSource;

    JdbcOfflineLocks locks;

    abstract HikariDataSource createDataSource();

    @BeforeAll
    void startDatabase() {
        this.dataSource = createDataSource();
        TestDatabases.createSchema(this.dataSource);
        this.locks = locksWithDefaultIdleTimeout(Duration.ofMinutes(15));
    }

    JdbcOfflineLocks locksWithDefaultIdleTimeout(Duration idleTimeout) {
        return new JdbcOfflineLocks(
                this.dataSource,
                idleTimeout,
                (lock, cause) -> this.expired.add(lock.owner() + "@" + lock.key() + ":" + cause),
                null);
    }

    @AfterAll
    void stopDatabase() {
        TestDatabases.drop(this.dataSource);
    }

    @BeforeEach
    void clearTable() {
        new JdbcTemplate(this.dataSource).update("DELETE FROM holdfast_offline_lock");
        this.expired.clear();
    }

    @Test
    void shouldVerifyTheLockTableAndNameItWhereItIsMissing() {
        this.locks.verifyTable();
        HikariDataSource empty = createDataSource();
        try {
            JdbcOfflineLocks elsewhere = new JdbcOfflineLocks(empty, Duration.ofMinutes(15), (lock, cause) -> {}, null);

            assertThatExceptionOfType(LockTableMissingException.class)
                    .isThrownBy(elsewhere::verifyTable)
                    .withMessageContaining("[holdfast_offline_lock]")
                    .satisfies((ex) -> assertThat(ex.getTable()).isEqualTo("holdfast_offline_lock"));
        } finally {
            TestDatabases.drop(empty);
        }
    }

    @Test
    void shouldUpgradeTableCreatedBeforeHoldCountsKeepingItsLocksAtOneHold() {
        HikariDataSource old = createDataSource();
        try {
            TestDatabases.runScript(old, "dev/holdfast/lock/jpa/offline/offline-table-before-holds-%s.sql");
            new JdbcTemplate(old)
                    .update("INSERT INTO holdfast_offline_lock (object_type, object_id, holder, reason, token,"
                            + " expires_at, created_at, updated_at) VALUES ('Patient', '42', 'Dr Green', 'editing',"
                            + " 7, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            JdbcOfflineLocks upgraded = new JdbcOfflineLocks(old, Duration.ofMinutes(15), (lock, cause) -> {}, null);
            assertThatExceptionOfType(LockTableMissingException.class)
                    .isThrownBy(upgraded::verifyTable)
                    .withMessageContaining("[holdfast_offline_lock]");

            TestDatabases.createSchema(old);
            TestDatabases.createSchema(old);

            upgraded.verifyTable();
            assertThat(upgraded.find(PATIENT)).hasValueSatisfying((lock) -> {
                assertThat(lock.owner()).isEqualTo("Dr Green");
                assertThat(lock.holds()).isOne();
                assertThat(lock.token()).isEqualTo(7);
            });
            assertThat(acquired(upgraded.tryAcquire(PATIENT, "Dr Green", "editing"))
                            .holds())
                    .isEqualTo(2);
            assertThat(upgraded.release(PATIENT, "Dr Green")).isTrue();
            assertThat(upgraded.find(PATIENT)).isPresent();
            assertThat(upgraded.release(PATIENT, "Dr Green")).isTrue();
            assertThat(upgraded.find(PATIENT)).isEmpty();
        } finally {
            TestDatabases.drop(old);
        }
    }

    @Test
    void shouldMatchTheLockEntityWhenHibernateValidatesTheTable() {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(this.dataSource);
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setManagedTypes(PersistenceManagedTypes.of(OfflineLockEntry.class.getName()));
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "validate"));
        factory.afterPropertiesSet();
        EntityManagerFactory entityManagerFactory = factory.getObject();
        try {
            acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
            acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

            EntityManager entityManager = entityManagerFactory.createEntityManager();
            try {
                OfflineLockEntry entry = entityManager
                        .createQuery(
                                "select l from HoldfastOfflineLock l where l.lockId = '42'", OfflineLockEntry.class)
                        .getSingleResult();
                assertThat(entry.getOwner()).isEqualTo("Dr Green");
                assertThat(entry.getHolds()).isEqualTo(2);
                assertThat(entry.getExpiresAt()).isAfter(entry.getCreatedAt());
            } finally {
                entityManager.close();
            }
        } finally {
            entityManagerFactory.close();
        }
    }

    @Test
    void shouldAcquireFreeKeyWithReasonAndExpiryOnDatabaseClock() {
        OfflineLockResult result = this.locks.tryAcquire(PATIENT, "Dr Green", "editing");

        assertThat(result).isInstanceOfSatisfying(OfflineLockResult.Acquired.class, (acquired) -> {
            OfflineLock lock = acquired.locks().get(0);
            assertThat(lock.key()).isEqualTo(PATIENT);
            assertThat(lock.owner()).isEqualTo("Dr Green");
            assertThat(lock.reason()).isEqualTo("editing");
            assertThat(lock.token()).isPositive();
            assertThat(Duration.between(lock.since(), lock.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.owner()).isEqualTo("Dr Green"));
    }

    @Test
    void shouldRefuseOtherHolderWhileLockIsLiveNamingHolderAndReason() {
        OfflineLock held = acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        OfflineLockResult result = this.locks.tryAcquire(PATIENT, "Dr Brown", "prescribing");

        assertThat(result).isInstanceOfSatisfying(OfflineLockResult.NotAcquired.class, (notAcquired) -> {
            assertThat(notAcquired.key()).isEqualTo(PATIENT);
            assertThat(notAcquired.owner()).isEqualTo("Dr Brown");
            assertThat(notAcquired.holder()).isEqualTo(held);
            assertThat(notAcquired.ownLock()).isFalse();
            assertThat(notAcquired.describe())
                    .contains("Lock [Patient:42] not acquired by 'Dr Brown'", "held by 'Dr Green'", "(editing)");
        });
    }

    @Test
    void shouldReacquireForSameHolderKeepingTokenAndRenewingSlidingExpiry() {
        OfflineLock first = acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofSeconds(5))));

        OfflineLock again = acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "saving"));

        assertThat(again.token()).isEqualTo(first.token());
        assertThat(again.since()).isEqualTo(first.since());
        assertThat(again.reason()).isEqualTo("saving");
        assertThat(again.expiresAt()).isAfter(first.expiresAt());
    }

    @Test
    void shouldAcquireAllKeysOrNone() {
        acquired(this.locks.tryAcquire(OTHER_PATIENT, "Dr Brown", "editing"));
        LockKey appointment = LockKey.of("Appointment", 7);

        OfflineLockResult result = this.locks.tryAcquire(List.of(appointment, PATIENT, OTHER_PATIENT), "Dr Green", "x");

        assertThat(result)
                .isInstanceOfSatisfying(
                        OfflineLockResult.NotAcquired.class,
                        (notAcquired) -> assertThat(notAcquired.key()).isEqualTo(OTHER_PATIENT));
        assertThat(this.locks.find(appointment)).isEmpty();
        assertThat(this.locks.find(PATIENT)).isEmpty();
        assertThat(this.locks.tryAcquire(List.of(appointment, PATIENT), "Dr Green", "x"))
                .isInstanceOfSatisfying(
                        OfflineLockResult.Acquired.class,
                        (acquired) -> assertThat(acquired.locks())
                                .extracting(OfflineLock::key)
                                .containsExactly(appointment, PATIENT));
    }

    @Test
    void shouldRefuseHoldersOwnLockWhenAskedForNewLockOnly() {
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        OfflineLockResult result = this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "again", PATIENT).newOnly());

        assertThat(result)
                .isInstanceOfSatisfying(
                        OfflineLockResult.NotAcquired.class,
                        (notAcquired) -> assertThat(notAcquired.ownLock()).isTrue());
    }

    @Test
    void shouldRefuseEveryoneWhileOneTimeLockLives() {
        OfflineLock lock = acquired(this.locks.tryAcquire(OfflineLockRequest.oneTime("import", PATIENT)));
        assertThat(lock.oneTime()).isTrue();

        assertThat(this.locks
                        .tryAcquire(OfflineLockRequest.oneTime("import", PATIENT))
                        .acquired())
                .isFalse();
        assertThat(this.locks.tryAcquire(PATIENT, "Dr Green", "editing").acquired())
                .isFalse();
        assertThat(this.locks.releaseOneTime(PATIENT)).isTrue();
        assertThat(this.locks
                        .tryAcquire(OfflineLockRequest.oneTime("import", PATIENT))
                        .acquired())
                .isTrue();
    }

    @Test
    void shouldLetAnotherHolderTakeOverIdleLockAndCallExpiryHook() {
        OfflineLock stale = acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(300))));
        assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                .isFalse();

        OfflineLockResult taken = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.tryAcquire(PATIENT, "Dr Brown", "editing"), OfflineLockResult::acquired);

        assertThat(acquired(taken).token()).isGreaterThan(stale.token());
        assertThat(this.expired).containsExactly("Dr Green@Patient:42:TAKEN_OVER");
    }

    @Test
    void shouldListEveryOwnersLiveLocksInKeyOrderBoundedAndByNamespace() {
        LockKey ward = LockKey.of("Ward", 7);
        acquired(this.locks.tryAcquire(OTHER_PATIENT, "Dr Brown", "editing"));
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
        acquired(this.locks.tryAcquire(ward, "Dr Green", "rota"));
        acquired(this.locks.tryAcquire(LockKey.of("Patient", 44), "Dr Green", "editing"));
        this.locks.release(LockKey.of("Patient", 44), "Dr Green");

        assertThat(this.locks.list(null, 10))
                .extracting(OfflineLock::key, OfflineLock::owner)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PATIENT, "Dr Green"),
                        org.assertj.core.groups.Tuple.tuple(OTHER_PATIENT, "Dr Brown"),
                        org.assertj.core.groups.Tuple.tuple(ward, "Dr Green"));
        assertThat(this.locks.list(null, 2)).extracting(OfflineLock::key).containsExactly(PATIENT, OTHER_PATIENT);
        assertThat(this.locks.list("Ward", 10)).extracting(OfflineLock::key).containsExactly(ward);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> this.locks.list(null, 0))
                .withMessageContaining("limit must be at least 1, but was 0");
    }

    @Test
    void shouldSweepStaleLocksAndCallExpiryHook() {
        acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(200))));
        acquired(this.locks.tryAcquire(OTHER_PATIENT, "Dr Green", "editing"));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.find(PATIENT).isEmpty());
        assertThat(this.locks.sweep()).isEqualTo(1);

        assertThat(this.expired).containsExactly("Dr Green@Patient:42:SWEPT");
        assertThat(this.locks.heldBy("Dr Green")).extracting(OfflineLock::key).containsExactly(OTHER_PATIENT);
        assertThat(this.locks.sweep()).isZero();
    }

    @Test
    void shouldNeverExpireLockMarkedNeverExpiringWhileAnIdleLockExpires() {
        JdbcOfflineLocks quick = locksWithDefaultIdleTimeout(SHORT_IDLE);
        OfflineLock forever = acquired(quick.tryAcquire(
                OfflineLockRequest.of("night batch", "billing", PATIENT).neverExpiring()));
        acquired(quick.tryAcquire(OTHER_PATIENT, "Dr Green", "editing"));
        assertThat(forever.neverExpires()).isTrue();

        awaitExpiry(OTHER_PATIENT);

        assertThat(quick.sweep()).isEqualTo(1);
        assertThat(this.expired).containsExactly("Dr Green@Patient:43:SWEPT");
        assertThat(quick.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.owner()).isEqualTo("night batch"));
        assertThat(quick.tryAcquire(PATIENT, "Dr Green", "editing").acquired()).isFalse();
        assertThat(quick.release(PATIENT, "night batch")).isTrue();
        assertThat(quick.tryAcquire(PATIENT, "Dr Green", "editing").acquired()).isTrue();
    }

    @Test
    void shouldKeepNeverExpiringLockNeverExpiringWhenHolderReacquiresWithIdleTimeout() {
        acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "billing", PATIENT).neverExpiring()));

        OfflineLock again = acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(SHORT_IDLE)));
        acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", OTHER_PATIENT).withIdleTimeout(SHORT_IDLE)));

        assertThat(again.neverExpires()).isTrue();
        awaitExpiry(OTHER_PATIENT);
        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.neverExpires()).isTrue());
        assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                .isFalse();
    }

    @Test
    void shouldNeverShortenExpiryWhenHolderReacquiresWithShorterIdleTimeout() {
        OfflineLock first = acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofHours(1))));

        OfflineLock again = acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(SHORT_IDLE)));
        acquired(this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "editing", OTHER_PATIENT).withIdleTimeout(SHORT_IDLE)));

        assertThat(again.expiresAt()).isEqualTo(first.expiresAt());
        awaitExpiry(OTHER_PATIENT);
        assertThat(this.locks.find(PATIENT)).isPresent();
    }

    @Test
    void shouldFreeReacquiredLockOnlyWhenItsLastHoldIsReleased() {
        OfflineLock first = acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
        OfflineLock second = acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
        assertThat(first.holds()).isOne();
        assertThat(second.holds()).isEqualTo(2);
        assertThat(second.token()).isEqualTo(first.token());

        assertThat(this.locks.release(PATIENT, "Dr Green")).isTrue();
        assertThat(this.locks.find(PATIENT)).hasValueSatisfying((lock) -> {
            assertThat(lock.holds()).isOne();
            assertThat(lock.token()).isEqualTo(first.token());
        });
        assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                .isFalse();

        assertThat(this.locks.release(PATIENT, "Dr Green")).isTrue();
        assertThat(this.locks.find(PATIENT)).isEmpty();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isFalse();
    }

    @Test
    void shouldKeepOuterLockWhenNestedExecuteOfSameOwnerReturns() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT);

        this.locks.execute(request, () -> {
            this.locks.execute(
                    request, () -> assertThat(this.locks.find(PATIENT)).isPresent());

            assertThat(this.locks.find(PATIENT)).isPresent();
            assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                    .isFalse();
        });

        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldKeepLockWhileAnotherThreadOfSameOwnerStillExecutes() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            this.locks.execute(request, () -> {
                assertThat(other.submit(() -> this.locks.execute(request, () -> "quick edit")))
                        .succeedsWithin(Duration.ofSeconds(20))
                        .isEqualTo("quick edit");

                assertThat(this.locks.find(PATIENT)).isPresent();
                assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                        .isFalse();
            });
        } finally {
            other.shutdownNow();
        }
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldNeverLetAnotherOwnerInWhileConcurrentExecutesOfOneOwnerRun() throws Exception {
        AtomicInteger greenInside = new AtomicInteger();
        AtomicInteger brownInside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger greenRuns = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        OfflineLockRequest green = OfflineLockRequest.of("Dr Green", "editing", PATIENT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        try {
                            this.locks.execute(green, () -> {
                                greenInside.incrementAndGet();
                                greenRuns.incrementAndGet();
                                overlaps.addAndGet(brownInside.get());
                                if (!heldBy(PATIENT, "Dr Green")) {
                                    lost.incrementAndGet();
                                }
                                greenInside.decrementAndGet();
                            });
                        } catch (OfflineLockNotAcquiredException ex) {
                            // Dr Brown has it: try again
                        }
                    }
                    return null;
                }));
            }
            workers.add(pool.submit(() -> {
                for (int n = 0; n < 40; n++) {
                    if (this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired()) {
                        brownInside.incrementAndGet();
                        overlaps.addAndGet(greenInside.get());
                        if (!heldBy(PATIENT, "Dr Brown")) {
                            lost.incrementAndGet();
                        }
                        brownInside.decrementAndGet();
                        this.locks.release(PATIENT, "Dr Brown");
                    }
                }
                return null;
            }));
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get())
                .as("times Dr Green and Dr Brown were inside together")
                .isZero();
        assertThat(lost.get())
                .as("times the lock was not its holder's while they were inside")
                .isZero();
        assertThat(greenRuns.get()).isPositive();
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldReleaseOnlyTheHoldersOwnLock() {
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        assertThat(this.locks.release(PATIENT, "Dr Brown")).isFalse();
        assertThat(this.locks.find(PATIENT)).isPresent();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isTrue();
        assertThat(this.locks.find(PATIENT)).isEmpty();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isFalse();
    }

    @Test
    void shouldOnlyRenewHoldersOwnLockWhenTakingOrRenewing() {
        OfflineLockResult taken = this.locks.tryAcquire(OfflineLockRequest.of("Dr Green", "editing", PATIENT)
                .takeOrRenew()
                .withIdleTimeout(SHORT_IDLE));
        OfflineLockResult renewed = this.locks.takeOrRenew(PATIENT, "Dr Green", "editing");
        OfflineLockResult again = this.locks.takeOrRenew(PATIENT, "Dr Green", "saving");

        assertThat(acquired(taken).holds()).isOne();
        assertThat(((OfflineLockResult.Acquired) taken).addedHold(PATIENT)).isTrue();
        assertThat(((OfflineLockResult.Acquired) renewed).addedHold(PATIENT)).isFalse();
        assertThat(acquired(again).holds()).isOne();
        assertThat(acquired(again).token()).isEqualTo(acquired(taken).token());
        assertThat(acquired(again).reason()).isEqualTo("saving");
        assertThat(acquired(again).expiresAt()).isAfter(acquired(taken).expiresAt());
        assertThat(this.locks.takeOrRenew(PATIENT, "Dr Brown", "editing").acquired())
                .isFalse();
        assertThat(this.locks.release(PATIENT, "Dr Green")).isTrue();
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldAddNoHoldWhenTakingOrRenewingLockHeldReentrantly() {
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        assertThat(acquired(this.locks.takeOrRenew(PATIENT, "Dr Green", "editing"))
                        .holds())
                .isEqualTo(2);
    }

    @Test
    void shouldReportTheKeysOnWhichAnAcquisitionAddedAHold() {
        LockKey appointment = LockKey.of("Appointment", 7);
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        OfflineLockResult reentered = this.locks.tryAcquire(List.of(PATIENT, OTHER_PATIENT), "Dr Green", "editing");
        OfflineLockResult renewed =
                this.locks.tryAcquire(OfflineLockRequest.of("Dr Green", "editing", PATIENT, appointment)
                        .takeOrRenew());

        assertThat(reentered)
                .isInstanceOfSatisfying(
                        OfflineLockResult.Acquired.class,
                        (acquired) -> assertThat(acquired.holdsAdded()).containsExactly(PATIENT, OTHER_PATIENT));
        assertThat(renewed)
                .isInstanceOfSatisfying(
                        OfflineLockResult.Acquired.class,
                        (acquired) -> assertThat(acquired.holdsAdded()).containsExactly(appointment));
    }

    @Test
    void shouldLeaveOwnersEarlierLockWhenExecuteOnlyRenewedIt() {
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));

        this.locks.execute(OfflineLockRequest.of("Dr Green", "saving", PATIENT).takeOrRenew(), () -> {});

        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.holds()).isOne());
    }

    @Test
    void shouldReleaseAllLocksOfHolderAtLogoutWhateverTheirHoldCounts() {
        acquired(this.locks.tryAcquire(List.of(PATIENT, OTHER_PATIENT), "Dr Green", "editing"));
        acquired(this.locks.tryAcquire(List.of(PATIENT, OTHER_PATIENT), "Dr Green", "editing"));
        acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
        acquired(this.locks.tryAcquire(LockKey.of("Patient", 44), "Dr Brown", "editing"));

        assertThat(this.locks.releaseAll("Dr Green")).isEqualTo(2);

        assertThat(this.locks.heldBy("Dr Green")).isEmpty();
        assertThat(this.locks.heldBy("Dr Brown")).hasSize(1);
        assertThat(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing").acquired())
                .isTrue();
    }

    @Test
    void shouldIncreaseFencingTokenAcrossReleaseAndExpiry() {
        long first =
                acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing")).token();
        this.locks.release(PATIENT, "Dr Green");
        long second = acquired(this.locks.tryAcquire(
                        OfflineLockRequest.of("Dr Brown", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(100))))
                .token();
        OfflineLockResult third = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.tryAcquire(PATIENT, "Dr Green", "editing"), OfflineLockResult::acquired);

        assertThat(second).isGreaterThan(first);
        assertThat(acquired(third).token()).isGreaterThan(second);
    }

    @Test
    void shouldLockIdsAndOwnersWithQuotesAndUnicode() {
        LockKey odd = LockKey.of("Patient.file_v-2", "O'Brien'); DROP TABLE x; --ü{}:");

        acquired(this.locks.tryAcquire(odd, "Dr O'Neil \"Jr\"", "it's"));

        assertThat(this.locks.find(odd))
                .hasValueSatisfying((lock) -> assertThat(lock.owner()).isEqualTo("Dr O'Neil \"Jr\""));
        assertThat(this.locks.tryAcquire(odd, "Dr Brown", null).acquired()).isFalse();
        assertThat(this.locks.release(odd, "Dr O'Neil \"Jr\"")).isTrue();
    }

    @Test
    void shouldLockForTheLongestIdleTimeoutAccepted() {
        OfflineLock lock = acquired(this.locks.tryAcquire(OfflineLockRequest.of("Dr Green", "editing", PATIENT)
                .withIdleTimeout(OfflineLockRequest.MAX_IDLE_TIMEOUT)));

        assertThat(Duration.between(lock.since(), lock.expiresAt())).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void shouldRefuseDefaultIdleTimeoutOutOfRangeNamingTheValue() {
        for (Duration idle : List.of(
                Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(365).plusMillis(1))) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> new JdbcOfflineLocks(this.dataSource, idle, (lock, cause) -> {}, null))
                    .withMessageContaining("idle timeout")
                    .withMessageContaining("every key")
                    .withMessageContaining("at most 365 days")
                    .withMessageContaining("got " + idle);
        }
    }

    @Test
    void shouldLockTheLongestIdAndOwnerThatEveryLockAccepts() {
        LockKey longest = LockKey.of("Patient", "é".repeat(LockKey.MAX_ID_LENGTH));
        String owner = "ö".repeat(LockRequest.MAX_OWNER_LENGTH);

        acquired(this.locks.tryAcquire(longest, owner, "r".repeat(OfflineLockRequest.MAX_REASON_LENGTH)));

        assertThat(this.locks.find(longest)).hasValueSatisfying((lock) -> {
            assertThat(lock.key()).isEqualTo(longest);
            assertThat(lock.owner()).isEqualTo(owner);
        });
        assertThat(this.locks.heldBy(owner)).extracting(OfflineLock::key).containsExactly(longest);
        assertThat(this.locks.release(longest, owner)).isTrue();
    }

    @Test
    void shouldRejectABlankOwnerWhereItWouldNameEveryOneTimeLock() {
        acquired(this.locks.tryAcquire(OfflineLockRequest.oneTime("migration", PATIENT)));

        for (String blank : List.of("", " ")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> this.locks.releaseAll(blank))
                    .withMessageContaining("owner must not be blank, but was [" + blank + "]");
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> this.locks.heldBy(blank))
                    .withMessageContaining("[" + blank + "]");
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> this.locks.release(PATIENT, blank))
                    .withMessageContaining("[Patient:42]")
                    .withMessageContaining("[" + blank + "]");
        }

        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.oneTime()).isTrue());
        assertThat(this.locks.releaseOneTime(PATIENT)).isTrue();
    }

    @Test
    void shouldAnswerAcquireWithTheLocksOrThrowNamingTheHolder() {
        OfflineLockResult.Acquired acquired = this.locks.acquire(PATIENT, "Dr Green", "editing");
        assertThat(acquired.locks()).extracting(OfflineLock::key).containsExactly(PATIENT);
        assertThat(acquired.holdsAdded()).containsExactly(PATIENT);

        assertThatExceptionOfType(OfflineLockNotAcquiredException.class)
                .isThrownBy(() -> this.locks.acquire(List.of(OTHER_PATIENT, PATIENT), "Dr Brown", "prescribing"))
                .withMessage("Lock [Patient:42] not acquired by 'Dr Brown': held by 'Dr Green' (editing) since "
                        + acquired.locks().get(0).since() + " until "
                        + acquired.locks().get(0).expiresAt())
                .satisfies((ex) -> {
                    assertThat(ex).isInstanceOf(LockException.class);
                    assertThat(ex.result().key()).isEqualTo(PATIENT);
                    assertThat(ex.result().holder()).isEqualTo(acquired.locks().get(0));
                });
        assertThat(this.locks.find(OTHER_PATIENT)).isEmpty();
    }

    @Test
    void shouldRunActionWithLockAndAlwaysRelease() {
        String result = this.locks.execute(OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> {
            assertThat(this.locks.find(PATIENT)).isPresent();
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(this.locks.find(PATIENT)).isEmpty();

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> this.locks.execute(OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> {
                    throw new IllegalStateException("boom");
                }));
        assertThat(this.locks.find(PATIENT)).isEmpty();
    }

    @Test
    void shouldThrowFromExecuteWhenNotAcquiredWithoutRunningAction() {
        acquired(this.locks.tryAcquire(PATIENT, "Dr Brown", "editing"));
        List<String> ran = new CopyOnWriteArrayList<>();

        assertThatExceptionOfType(OfflineLockNotAcquiredException.class)
                .isThrownBy(() ->
                        this.locks.execute(OfflineLockRequest.of("Dr Green", "editing", PATIENT), () -> ran.add("ran")))
                .withMessageContaining("'Dr Brown'")
                .satisfies((ex) -> assertThat(ex.result().holder().owner()).isEqualTo("Dr Brown"));
        assertThat(ran).isEmpty();
        assertThat(this.locks.find(PATIENT))
                .hasValueSatisfying((lock) -> assertThat(lock.owner()).isEqualTo("Dr Brown"));
    }

    @Test
    void shouldKeepAcquisitionAndReleaseWhenCallersTransactionRollsBack() {
        TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));

        caller.executeWithoutResult((status) -> {
            acquired(this.locks.tryAcquire(PATIENT, "Dr Green", "editing"));
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
                LockKey key = LockKey.of("Race", round);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<OfflineLockResult>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String owner = "owner-" + i;
                    results.add(pool.submit(() -> {
                        start.await(5, TimeUnit.SECONDS);
                        return this.locks.tryAcquire(key, owner, "racing");
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
    void shouldNeverLetTwoOwnersOverlapOnSharedKeys() throws Exception {
        int threads = 6;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        LockKey a = LockKey.of("Ward", "a");
        LockKey b = LockKey.of("Ward", "b");
        LockKey c = LockKey.of("Ward", "c");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String owner = "nurse-" + i;
                List<LockKey> keys = (i % 2 == 0) ? List.of(b, a) : List.of(c, b);
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 15; n++) {
                        if (this.locks.tryAcquire(keys, owner, "round " + n).acquired()) {
                            grants.incrementAndGet();
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                            keys.forEach((key) -> this.locks.release(key, owner));
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

    boolean heldBy(LockKey key, String owner) {
        return this.locks
                .find(key)
                .map(OfflineLock::owner)
                .filter(owner::equals)
                .isPresent();
    }

    void awaitExpiry(LockKey key) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.locks.find(key).isEmpty());
    }

    static OfflineLock acquired(OfflineLockResult result) {
        assertThat(result).isInstanceOf(OfflineLockResult.Acquired.class);
        return ((OfflineLockResult.Acquired) result).locks().get(0);
    }
}
