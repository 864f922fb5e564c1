package dev.holdfast.lock.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Acquirers racing on one semaphore or read/write lock, each on a connection of its own and released together by a
 * barrier, never get more than the store may grant: the key's row lock orders them, and so does the race to create
 * the row.
 */
class JdbcSemaphoreRaceTests {

    private static final int THREADS = 8;

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Nested
    class Postgres extends Races {
        Postgres() {
            super(TestServices::postgres);
        }
    }

    @Nested
    class Mariadb extends Races {
        Mariadb() {
            super(TestServices::mariadb);
        }
    }

    @Nested
    class H2 extends Races {
        H2() {
            super(() -> new JdbcService("jdbc:h2:mem:sem-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Races {

        final HikariDataSource pool = new HikariDataSource();

        final JdbcLockStore store;

        final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

        String namespace;

        Races(Supplier<JdbcService> service) {
            JdbcService database = service.get();
            this.pool.setJdbcUrl(database.url());
            this.pool.setUsername(database.username());
            this.pool.setPassword(database.password());
            // A connection for each racing thread.
            this.pool.setMaximumPoolSize(THREADS);
            String platform = LockTablePlatform.of(Database.of(this.pool)).id();
            new ResourceDatabasePopulator(new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                    .execute(this.pool);
            this.store = new JdbcLockStore(this.pool, false);
        }

        @BeforeEach
        void newNamespace() {
            this.namespace = "race-" + UUID.randomUUID().toString().substring(0, 8);
        }

        @AfterAll
        void close() {
            this.threads.shutdownNow();
            this.store.close();
            this.pool.close();
        }

        @Test
        void shouldGrantExactlyTheSizeToRacersThatAlsoRaceToCreateTheSemaphore() throws Exception {
            for (int round = 0; round < 10; round++) {
                LockKey key = new LockKey(this.namespace, "round-" + round);
                List<PermitOutcome> outcomes = race((i) -> new PermitCommand(
                        key, SemaphoreKind.SEMAPHORE, "racer-" + i, 0, 1, false, LEASE, AcquireMode.LOCK, 3, false));
                assertThat(outcomes)
                        .as("round %d", round)
                        .filteredOn(PermitOutcome.Granted.class::isInstance)
                        .hasSize(3);
                assertThat(outcomes)
                        .filteredOn(PermitOutcome.Refused.class::isInstance)
                        .hasSize(THREADS - 3);
                assertThat(grantRows(key)).isEqualTo(3);
            }
        }

        @Test
        void shouldNeverHaveMorePermitsOutThanTheSizeWhileRacersComeAndGo() throws Exception {
            LockKey key = new LockKey(this.namespace, "churn");
            this.store.createSemaphore(key, 3, false);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostInside = new AtomicInteger();
            AtomicInteger grants = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String owner = "racer-" + t;
                runs.add(this.threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        int wanted = 1 + ThreadLocalRandom.current().nextInt(2);
                        PermitOutcome outcome = this.store.acquirePermits(new PermitCommand(
                                key,
                                SemaphoreKind.SEMAPHORE,
                                owner,
                                0,
                                wanted,
                                false,
                                LEASE,
                                AcquireMode.LOCK,
                                0,
                                false));
                        if (outcome instanceof PermitOutcome.Granted granted) {
                            grants.incrementAndGet();
                            mostInside.accumulateAndGet(inside.addAndGet(wanted), Math::max);
                            Thread.yield();
                            inside.addAndGet(-wanted);
                            assertThat(this.store.releasePermits(SemaphoreKind.SEMAPHORE, key, owner, granted.token()))
                                    .isEqualTo(ReleaseOutcome.RELEASED);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
            assertThat(grants).as("grants").hasPositiveValue();
            assertThat(mostInside).as("most permits held at once").hasValueLessThanOrEqualTo(3);
            assertThat(grantRows(key)).isZero();
        }

        @Test
        void shouldGrantOneOfManyRacingWriters() throws Exception {
            for (int round = 0; round < 10; round++) {
                LockKey key = new LockKey(this.namespace, "rw-" + round);
                leaveRowIfOdd(key, round);
                List<PermitOutcome> outcomes = race((i) -> new PermitCommand(
                        key, SemaphoreKind.READ_WRITE, "writer-" + i, 0, 1, true, LEASE, AcquireMode.LOCK, 0, false));
                assertThat(outcomes)
                        .as("round %d", round)
                        .filteredOn(PermitOutcome.Granted.class::isInstance)
                        .hasSize(1);
                assertThat(grantRows(key)).isOne();
            }
        }

        @Test
        void shouldNeverGrantAWriterBesideReadersWhenTheyRace() throws Exception {
            for (int round = 0; round < 10; round++) {
                LockKey key = new LockKey(this.namespace, "mixed-" + round);
                leaveRowIfOdd(key, round);
                // Even racers read, odd ones write.
                List<PermitOutcome> outcomes = race((i) -> new PermitCommand(
                        key,
                        SemaphoreKind.READ_WRITE,
                        "racer-" + i,
                        0,
                        1,
                        i % 2 == 1,
                        LEASE,
                        AcquireMode.LOCK,
                        0,
                        false));
                int writers = 0;
                int readers = 0;
                for (int i = 0; i < THREADS; i++) {
                    if (outcomes.get(i) instanceof PermitOutcome.Granted) {
                        writers += i % 2;
                        readers += 1 - i % 2;
                    }
                }
                assertThat(writers + readers).as("round %d: grants", round).isPositive();
                assertThat(writers == 0 || (writers == 1 && readers == 0))
                        .as("round %d: %d writers and %d readers granted", round, writers, readers)
                        .isTrue();
            }
        }

        /** In odd rounds, race on the row a released read/write lock left (in even ones, racers create it). */
        void leaveRowIfOdd(LockKey key, int round) {
            if (round % 2 == 1) {
                PermitOutcome outcome = this.store.acquirePermits(new PermitCommand(
                        key, SemaphoreKind.READ_WRITE, "earlier", 0, 1, false, LEASE, AcquireMode.LOCK, 0, false));
                this.store.releasePermits(
                        SemaphoreKind.READ_WRITE, key, "earlier", ((PermitOutcome.Granted) outcome).token());
            }
        }

        /** Send one command per thread at once and return their outcomes, in thread order. */
        List<PermitOutcome> race(Function<Integer, PermitCommand> commands) throws Exception {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<PermitOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                PermitCommand command = commands.apply(i);
                runs.add(this.threads.submit(() -> {
                    start.await();
                    return this.store.acquirePermits(command);
                }));
            }
            List<PermitOutcome> outcomes = new ArrayList<>();
            for (Future<PermitOutcome> run : runs) {
                outcomes.add(run.get(1, TimeUnit.MINUTES));
            }
            return outcomes;
        }

        long grantRows(LockKey key) {
            Long count = new JdbcTemplate(this.pool)
                    .queryForObject(
                            "SELECT COUNT(*) FROM holdfast_semaphore_grant WHERE lock_namespace = ? AND lock_id = ?",
                            Long.class,
                            key.namespace(),
                            key.id());
            return (count != null) ? count : 0;
        }
    }
}
