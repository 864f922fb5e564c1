package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Row-locking behaviour every database must show; subclasses name the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRowLocksTests implements RowLockWaitContract {

    RowLockDatabase db;

    RowLocks rowLocks;

    abstract RowLockDatabase createDatabase();

    /** Session settings for a raw connection that holds locks against the units under test. */
    @Override
    public abstract String[] rawSettings();

    @BeforeAll
    void startDatabase() {
        this.db = createDatabase();
    }

    @AfterAll
    void stopDatabase() {
        this.db.close();
    }

    @BeforeEach
    void resetRows() {
        this.db.resetAccounts(1000, 1000, 1000);
        this.rowLocks = rowLocks(8);
    }

    @Override
    public RowLockDatabase db() {
        return this.db;
    }

    @Override
    public RowLocks rowLocks() {
        return this.rowLocks;
    }

    @Override
    public RowLocks rowLocks(int maxAttempts) {
        return RowLocks.builder(this.db.transactionManager)
                .entityManagerFactory(this.db.entityManagerFactory)
                .jdbcTemplate(this.db.jdbcTemplate)
                .retry(new RowLockRetry(
                        maxAttempts, Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofMillis(10)))
                .build();
    }

    EntityManager entityManager() {
        return EntityManagerFactoryUtils.getTransactionalEntityManager(this.db.entityManagerFactory);
    }

    static Account account(long id) {
        return new Account(id, 0);
    }

    @Test
    void shouldLockInEntityNameThenIdOrderWhateverTheCallerOrder() {
        List<Object> given = Arrays.asList(
                account(3),
                null,
                new Branch("zz"),
                List.of(account(1), TableRow.of("hf_rows_account", 2)),
                new Object[] {account(3), null});
        this.db.jdbcTemplate.update("INSERT INTO hf_rows_branch (code) VALUES ('zz')");
        List<String> held = this.rowLocks.execute(
                given,
                (status) ->
                        HeldRows.current().keys().stream().map(RowKey::toString).toList());
        assertThat(held).containsExactly("Account#1", "Account#3", "Branch#zz", "hf_rows_account#2");
    }

    @Test
    void shouldTransferInOppositeOrderWithoutDeadlockAndWithExactBalances() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        int threads = 4;
        int transfersPerThread = 15;
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean forward = t % 2 == 0;
            runs.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < transfersPerThread; i++) {
                    long from = forward ? 1 : 2;
                    long to = forward ? 2 : 1;
                    this.rowLocks.execute(List.of(account(from), account(to)), () -> {
                        attempts.incrementAndGet();
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        EntityManager em = entityManager();
                        Account source = em.find(Account.class, from);
                        Account target = em.find(Account.class, to);
                        source.setBalance(source.getBalance() - (forward ? 7 : 3));
                        target.setBalance(target.getBalance() + (forward ? 7 : 3));
                        em.flush();
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        int perDirection = (threads / 2) * transfersPerThread;
        assertThat(maxInside).hasValue(1);
        assertThat(attempts).hasValue(threads * transfersPerThread);
        assertThat(this.db.balance(1)).isEqualTo(1000 - 7 * perDirection + 3 * perDirection);
        assertThat(this.db.balance(2)).isEqualTo(1000 + 7 * perDirection - 3 * perDirection);
    }

    @Test
    void shouldTransferTableRowsInOppositeOrderWithExactBalances() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean forward = t % 2 == 0;
            runs.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) {
                    TableRow first = TableRow.of("hf_rows_account", forward ? 1 : 3);
                    TableRow second = TableRow.of("hf_rows_account", forward ? 3 : 1);
                    this.rowLocks.execute(List.of(first, second), () -> {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        String sql = "UPDATE hf_rows_account SET balance = balance + ? WHERE id = ?";
                        this.db.jdbcTemplate.update(sql, -5, first.id());
                        this.db.jdbcTemplate.update(sql, 5, second.id());
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        assertThat(maxInside).hasValue(1);
        assertThat(this.db.balance(1)).isEqualTo(1000);
        assertThat(this.db.balance(3)).isEqualTo(1000);
    }

    @Test
    void shouldRetryWhenCallbackAsksAndRollBackTheFirstAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        long result = this.rowLocks.execute(List.of(account(1)), (status) -> {
            Account account = entityManager().find(Account.class, 1L);
            account.setBalance(account.getBalance() + 1);
            entityManager().flush();
            if (attempts.incrementAndGet() == 1) {
                throw new RetryTransactionException("stale quote");
            }
            return account.getBalance();
        });
        assertThat(attempts).hasValue(2);
        assertThat(result).isEqualTo(1001);
        assertThat(this.db.balance(1)).isEqualTo(1001);
    }

    @Test
    void shouldSayHowManyAttemptsWereMadeWhenRetriesRunOut() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatExceptionOfType(RowLockRetriesExhaustedException.class)
                .isThrownBy(() -> rowLocks(3).execute(List.of(account(2)), () -> {
                    attempts.incrementAndGet();
                    throw new RetryTransactionException("never settles");
                }))
                .withMessageContaining("[Account#2]")
                .withMessageContaining("3 of 3 attempts")
                .withMessageContaining("retry requested (never settles)")
                .satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3))
                .withCauseInstanceOf(RetryTransactionException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void shouldPropagateOtherErrorsUnchangedAfterRollback() {
        IllegalStateException failure = new IllegalStateException("insufficient funds");
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> this.rowLocks.execute(List.of(account(1)), () -> {
                    attempts.incrementAndGet();
                    this.db.jdbcTemplate.update("UPDATE hf_rows_account SET balance = 0 WHERE id = 1");
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(attempts).hasValue(1);
        assertThat(this.db.balance(1)).isEqualTo(1000);
    }

    @Test
    void shouldRunNestedCallInsideWhenItsRowsAreAlreadyLocked() {
        String result = this.rowLocks.execute(List.of(account(1), account(2)), (outer) -> {
            Account inner = account(2);
            return this.rowLocks.execute(List.of(inner), (status) -> {
                assertThat(status).isSameAs(outer);
                return "inside";
            });
        });
        assertThat(result).isEqualTo("inside");
    }

    @Test
    void shouldRefuseNestedCallWithNewRows() {
        assertThatExceptionOfType(LockMustBeOutermostTransactionException.class)
                .isThrownBy(() -> this.rowLocks.execute(
                        List.of(account(1)), () -> this.rowLocks.execute(List.of(account(1), account(3)), () -> {})))
                .withMessageContaining("[Account#3]")
                .withMessageContaining("holds only [Account#1]");
    }

    @Test
    void shouldRefuseCallInsideTransactionThatTookNoRowLocks() {
        TransactionTemplate foreign = new TransactionTemplate(this.db.transactionManager);
        assertThatExceptionOfType(LockMustBeOutermostTransactionException.class)
                .isThrownBy(() ->
                        foreign.executeWithoutResult((status) -> this.rowLocks.execute(List.of(account(1)), () -> {})))
                .withMessageContaining("[Account#1]")
                .withMessageContaining("outermost");
    }

    @Test
    void shouldConfirmLockedRowsAndRefuseOthers() {
        this.rowLocks.execute(List.of(account(1), TableRow.of("hf_rows_account", 2)), () -> {
            this.rowLocks.confirmLocked(account(1));
            this.rowLocks.confirmLocked(TableRow.of("HF_ROWS_ACCOUNT", 2L));
            assertThatExceptionOfType(LockNotHeldException.class)
                    .isThrownBy(() -> this.rowLocks.confirmLocked(account(3)))
                    .withMessageContaining("[Account#3]")
                    .withMessageContaining("holds [Account#1, hf_rows_account#2]");
        });
        assertThatExceptionOfType(LockNotHeldException.class)
                .isThrownBy(() -> this.rowLocks.confirmLocked(account(1)))
                .withMessageContaining("no row-locking transaction is active");
    }

    @Test
    void shouldNeverShareHeldRowsBetweenThreads() throws Exception {
        CompletableFuture<Void> otherInside = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> other =
                CompletableFuture.runAsync(() -> this.rowLocks.execute(List.of(account(1)), () -> {
                    otherInside.complete(null);
                    release.join();
                }));
        otherInside.get();
        try {
            assertThat(this.rowLocks.isLocked(account(1))).isFalse();
            this.rowLocks.execute(List.of(account(2)), () -> {
                assertThat(this.rowLocks.isLocked(account(2))).isTrue();
                assertThat(this.rowLocks.isLocked(account(1))).isFalse();
                assertThatExceptionOfType(LockNotHeldException.class)
                        .isThrownBy(() -> this.rowLocks.confirmLocked(account(1)));
            });
        } finally {
            release.complete(null);
            other.get();
        }
    }

    @Test
    void shouldReloadAnEntityAlreadyManagedByAnOpenEntityManagerWhenLockingIt() {
        EntityManager open = this.db.entityManagerFactory.createEntityManager();
        TransactionSynchronizationManager.bindResource(this.db.entityManagerFactory, new EntityManagerHolder(open));
        try {
            Account managed = open.find(Account.class, 1L);
            this.db.jdbcTemplate.update("UPDATE hf_rows_account SET balance = 500 WHERE id = 1");
            assertThat(managed.getBalance()).isEqualTo(1000);
            long seen = this.rowLocks.execute(List.of(managed), (status) -> managed.getBalance());
            assertThat(seen).isEqualTo(500);
        } finally {
            TransactionSynchronizationManager.unbindResource(this.db.entityManagerFactory);
            open.close();
        }
    }

    @Test
    void shouldFailForMissingRow() {
        assertThatExceptionOfType(LockNotHeldException.class)
                .isThrownBy(() -> this.rowLocks.execute(List.of(account(99)), () -> {}))
                .withMessageContaining("[Account#99] not taken: no such row");
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
