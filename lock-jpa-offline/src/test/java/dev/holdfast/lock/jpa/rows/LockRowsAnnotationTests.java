package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.jpa.autoconfigure.RowLockingAutoConfiguration;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class LockRowsAnnotationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    RowLockingAutoConfiguration.class))
            .withPropertyValues("holdfast.rows.delay=10ms", "holdfast.rows.jitter=0")
            .withUserConfiguration(Bank.class);

    @Test
    void shouldLockRowsInOrderAroundTheTransactionalMethod() {
        this.runner.run((context) -> {
            seed(context.getBean(JdbcTemplate.class));
            Transfers transfers = context.getBean(Transfers.class);
            List<String> held = transfers.transfer(new Account(2L, 0), new Account(1L, 0), 30);
            assertThat(held).containsExactly("Account#1", "Account#2");
            assertThat(balances(context.getBean(JdbcTemplate.class))).containsExactly(130L, 70L);
        });
    }

    @Test
    void shouldRunTheWholeInterceptorChainAgainOnRetry() {
        this.runner.run((context) -> {
            seed(context.getBean(JdbcTemplate.class));
            Transfers transfers = context.getBean(Transfers.class);
            assertThat(transfers.retryOnce(List.of(new Account(1L, 0), new Account(2L, 0))))
                    .isEqualTo(2);
            assertThat(balances(context.getBean(JdbcTemplate.class))).containsExactly(101L, 100L);
        });
    }

    @Test
    void shouldRethrowCheckedExceptionsUnchanged() {
        this.runner.run((context) -> {
            seed(context.getBean(JdbcTemplate.class));
            Transfers transfers = context.getBean(Transfers.class);
            assertThatExceptionOfType(IOException.class)
                    .isThrownBy(() -> transfers.failChecked(new Account(1L, 0)))
                    .withMessage("statement printer offline");
            assertThat(balances(context.getBean(JdbcTemplate.class))).containsExactly(100L, 100L);
        });
    }

    @Test
    void shouldRefuseAnnotatedCallInsideAnotherTransaction() {
        this.runner.run((context) -> {
            seed(context.getBean(JdbcTemplate.class));
            Transfers transfers = context.getBean(Transfers.class);
            assertThatExceptionOfType(LockMustBeOutermostTransactionException.class)
                    .isThrownBy(() -> transfers.insideForeignTransaction(new Account(1L, 0)));
        });
    }

    private static void seed(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM hf_rows_account");
        jdbc.update("INSERT INTO hf_rows_account (id, balance) VALUES (1, 100), (2, 100)");
    }

    private static List<Long> balances(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT balance FROM hf_rows_account ORDER BY id", Long.class);
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Account.class)
    static class Bank {

        @Bean
        Transfers transfers(RowLocks rowLocks) {
            return new Transfers(rowLocks);
        }
    }

    static class Transfers {

        private final RowLocks rowLocks;

        private final AtomicInteger attempts = new AtomicInteger();

        @PersistenceContext
        private EntityManager entityManager;

        Transfers(RowLocks rowLocks) {
            this.rowLocks = rowLocks;
        }

        @LockRows("#from, #to")
        @Transactional
        public List<String> transfer(Account from, Account to, long amount) {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                    .isTrue();
            this.rowLocks.confirmLocked(from);
            this.rowLocks.confirmLocked(to);
            Account source = this.entityManager.find(Account.class, from.getId());
            Account target = this.entityManager.find(Account.class, to.getId());
            source.setBalance(source.getBalance() - amount);
            target.setBalance(target.getBalance() + amount);
            return HeldRows.current().keys().stream().map(RowKey::toString).toList();
        }

        @LockRows("#accounts")
        @Transactional
        public int retryOnce(List<Account> accounts) {
            Account first =
                    this.entityManager.find(Account.class, accounts.get(0).getId());
            first.setBalance(first.getBalance() + 1);
            this.entityManager.flush();
            if (this.attempts.incrementAndGet() == 1) {
                throw new RetryTransactionException("quote moved");
            }
            return this.attempts.get();
        }

        @LockRows("#account")
        public void failChecked(Account account) throws IOException {
            Account managed = this.entityManager.find(Account.class, account.getId());
            managed.setBalance(0);
            this.entityManager.flush();
            throw new IOException("statement printer offline");
        }

        @Transactional
        public void insideForeignTransaction(Account account) {
            this.rowLocks.execute(List.of(account), () -> {});
        }
    }
}
