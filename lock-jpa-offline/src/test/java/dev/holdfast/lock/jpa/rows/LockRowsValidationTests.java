package dev.holdfast.lock.jpa.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.jpa.autoconfigure.RowLockingAutoConfiguration;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.test.compiler.WithoutParameterNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The startup check of {@link LockRows} methods, the same one {@code @Locked} and {@code @OfflineLocked} have. */
@ExtendWith(OutputCaptureExtension.class)
class LockRowsValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    RowLockingAutoConfiguration.class))
            .withUserConfiguration(Entities.class);

    @Test
    void shouldFailAtStartupWhenRowsNameAParameterWhoseNameWasNotCompiledIn() throws Exception {
        Class<?> ledger = ledger("#account");
        assertThat(ledger.getMethod("post", Account.class).getParameters()[0].isNamePresent())
                .as("parameter name compiled in")
                .isFalse();
        this.runner
                .withClassLoader(ledger.getClassLoader())
                .withBean(bean(ledger))
                .run((context) -> {
                    InvalidLockAnnotationException failure = failure(context);
                    assertThat(failure.getMethod()).isEqualTo("test.Ledger.post(Account)");
                    assertThat(failure.getFaults())
                            .containsExactly("value [#account] refers to #account, but the parameter names of the "
                                    + "method were not compiled in: compile with -parameters (javac; "
                                    + "spring-boot-starter-parent sets it, importing the Spring Boot BOM does not), "
                                    + "or refer to the arguments by position (#p0)");
                });
    }

    @Test
    void shouldLockRowsByPositionWhenParameterNamesWereNotCompiledIn() throws Exception {
        Class<?> ledger = ledger("#p0");
        this.runner
                .withClassLoader(ledger.getClassLoader())
                .withBean(bean(ledger))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(JdbcTemplate.class)
                            .update("INSERT INTO hf_rows_account (id, balance) VALUES (7, 100)");
                    Object bean = context.getBean(ledger);
                    assertThat(ledger.getMethod("post", Account.class).invoke(bean, new Account(7L, 0)))
                            .as("ran in the row-locking transaction")
                            .isEqualTo(true);
                });
    }

    @Test
    void shouldFailAtStartupListingEachFaultOfTheMethod() {
        this.runner.withBean(Misspelled.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getAnnotation()).isEqualTo("LockRows");
            assertThat(failure.getFaults())
                    .containsExactly(
                            "value [#acount] refers to #acount, which names no parameter: use one of #account (or "
                                    + "by position #p0)",
                            "it is final, so a proxy cannot intercept it and the rows would never be locked nor the "
                                    + "transaction begun");
            assertThat(failure.getAction()).startsWith("Fix the @LockRows annotation of ");
        });
        this.runner
                .withBean(NoRows.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly("value [] names no rows: name the entities or TableRows to lock, such as "
                                + "@LockRows(\"#from, #to\")"));
    }

    @Test
    void shouldFailAtStartupWhenThereIsNoRowLocksBean() {
        new ApplicationContextRunner()
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, RowLockingAutoConfiguration.class))
                .withBean(SelfPosting.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("it needs a RowLocks bean, and there is none"));
    }

    @Test
    void shouldWarnAtStartupAboutABeanCallingItsOwnLockRowsMethod(CapturedOutput output) {
        this.runner.withBean(SelfPosting.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(output)
                    .contains("@LockRows method " + SelfPosting.class.getName() + ".post(Account) is called by "
                            + SelfPosting.class.getName() + ".postTwice on the object itself")
                    .contains("so it runs without the row locks and their transaction");
            context.getBean(JdbcTemplate.class).update("INSERT INTO hf_rows_account (id, balance) VALUES (8, 100)");
            SelfPosting posting = context.getBean(SelfPosting.class);
            assertThat(posting.post(new Account(8L, 0)))
                    .as("post through the proxy")
                    .isTrue();
            assertThat(posting.postTwice(new Account(8L, 0)))
                    .as("post called by postTwice")
                    .isFalse();
        });
    }

    private static InvalidLockAnnotationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidLockAnnotationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("startup failure cause").isInstanceOf(InvalidLockAnnotationException.class);
        return (InvalidLockAnnotationException) failure;
    }

    /** A {@code @LockRows} bean compiled as a build without {@code -parameters} compiles it. */
    private static Class<?> ledger(String rows) {
        return WithoutParameterNames.compile(
                "test.Ledger",
                """
                package test;

                import dev.holdfast.lock.jpa.rows.Account;
                import dev.holdfast.lock.jpa.rows.LockRows;
                import org.springframework.transaction.support.TransactionSynchronizationManager;

                public class Ledger {

                    @LockRows("%s")
                    public boolean post(Account account) {
                        return TransactionSynchronizationManager.isActualTransactionActive();
                    }
                }
                """.formatted(rows),
                LockRows.class,
                Account.class,
                TransactionSynchronizationManager.class,
                jakarta.persistence.Entity.class);
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> bean(Class<?> type) {
        return (Class<Object>) type;
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Account.class)
    static class Entities {}

    static class Misspelled {

        @LockRows("#acount")
        public final void post(Account account) {}
    }

    static class NoRows {

        @LockRows({})
        public void post(Account account) {}
    }

    /** Calls its own {@code @LockRows} method, which then runs without the row locks. */
    static class SelfPosting {

        @LockRows("#account")
        public boolean post(Account account) {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        public boolean postTwice(Account account) {
            return post(account);
        }
    }
}
