package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class LockedTransactionOrderTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class));

    @Test
    void shouldAcquireBeforeTransactionBeginsAndReleaseAfterItCommits() {
        this.runner.withUserConfiguration(Transactions.class).run((context) -> {
            context.getBean(Ledger.class).post("acc-1");
            assertThat(context.getBean(Events.class).list)
                    .containsExactly("acquired", "begin (lock held: true)", "post", "commit", "released");
        });
    }

    @Test
    void shouldReleaseAfterTheTransactionRolledBack() {
        this.runner.withUserConfiguration(Transactions.class).run((context) -> {
            assertThatIllegalStateException()
                    .isThrownBy(() -> context.getBean(Ledger.class).bounce("acc-1"))
                    .withMessage("bounced");
            assertThat(context.getBean(Events.class).list)
                    .containsExactly("acquired", "begin (lock held: true)", "rollback", "released");
        });
    }

    @Test
    void shouldRunInsideTheTransactionWhenAdvisorOrderIsChanged() {
        this.runner
                .withPropertyValues("holdfast.advisor-order=" + Ordered.LOWEST_PRECEDENCE)
                .withUserConfiguration(InnermostTransactions.class)
                .run((context) -> {
                    context.getBean(Ledger.class).post("acc-1");
                    assertThat(context.getBean(Events.class).list)
                            .containsExactly("begin (lock held: false)", "acquired", "post", "released", "commit");
                });
    }

    /** Records acquire, release and the transaction's steps in one list. */
    static class Events implements LockListener {

        final List<String> list = new CopyOnWriteArrayList<>();

        @Override
        public void onAcquired(LockEvent event) {
            this.list.add("acquired");
        }

        @Override
        public void onReleased(LockEvent event) {
            this.list.add("released");
        }
    }

    /** A transaction manager that records its steps and whether the lock is held when a transaction begins. */
    static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

        private final Events events;

        RecordingTransactionManager(Events events) {
            this.events = events;
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            this.events.list.add(
                    "begin (lock held: " + LockTemplate.currentLease().isPresent() + ")");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            this.events.list.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            this.events.list.add("rollback");
        }
    }

    /** A transactional service whose methods are locked. */
    public static class Ledger {

        private final Events events;

        public Ledger(Events events) {
            this.events = events;
        }

        @Transactional
        @Locked(name = "ledger", key = "#account")
        public void post(String account) {
            this.events.list.add("post");
        }

        @Transactional
        @Locked(name = "ledger", key = "#account")
        public void bounce(String account) {
            throw new IllegalStateException("bounced");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Transactions {

        @Bean
        Events events() {
            return new Events();
        }

        @Bean
        RecordingTransactionManager transactionManager(Events events) {
            return new RecordingTransactionManager(events);
        }

        @Bean
        Ledger ledger(Events events) {
            return new Ledger(events);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(order = 0)
    static class InnermostTransactions {

        @Bean
        Events events() {
            return new Events();
        }

        @Bean
        RecordingTransactionManager transactionManager(Events events) {
            return new RecordingTransactionManager(events);
        }

        @Bean
        Ledger ledger(Events events) {
            return new Ledger(events);
        }
    }
}
