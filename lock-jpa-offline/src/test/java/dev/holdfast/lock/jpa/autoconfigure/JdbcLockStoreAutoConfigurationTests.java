package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.AcquireOutcome;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JdbcLockStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true", "holdfast.offline.enabled=false")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    JdbcLockStoreAutoConfiguration.class));

    @Test
    void shouldRegisterJdbcStoreWhenStoreIsUnsetAndDataSourceIsPresent() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(JdbcLockStore.class);
            LockStore store = context.getBean(LockStore.class);
            AcquireOutcome outcome = store.acquire(
                    new AcquireCommand(new LockKey("room", "101"), "Tom", 0, Duration.ofSeconds(5), AcquireMode.LOCK));
            assertThat(outcome).isInstanceOf(AcquireOutcome.Granted.class);
        });
    }

    @Test
    void shouldWakeWaitersByNotificationOnPostgresUnlessListenIsOff() {
        JdbcService postgres = TestServices.postgres();
        ApplicationContextRunner onPostgres = this.runner.withPropertyValues(
                "spring.datasource.url=" + postgres.url(),
                "spring.datasource.username=" + postgres.username(),
                "spring.datasource.password=" + postgres.password(),
                "holdfast.jdbc.initialize-schema=always");
        onPostgres.run(
                (context) -> assertThat(context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .isTrue());
        onPostgres
                .withPropertyValues("holdfast.jdbc.listen=false")
                .run((context) -> assertThat(
                                context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .isFalse());
        this.runner.run(
                (context) -> assertThat(context.getBean(JdbcLockStore.class).notifiesWaiters())
                        .as("H2 polls")
                        .isFalse());
    }

    @Test
    void shouldRegisterJdbcStoreWhenStoreIsJdbcOrJpa() {
        this.runner
                .withPropertyValues("holdfast.store=jdbc")
                .run((context) -> assertThat(context).hasSingleBean(JdbcLockStore.class));
        this.runner
                .withPropertyValues("holdfast.store=JPA")
                .run((context) -> assertThat(context).hasSingleBean(JdbcLockStore.class));
    }

    @Test
    void shouldNotRegisterJdbcStoreWhenAnotherStoreIsChosen() {
        this.runner
                .withPropertyValues("holdfast.store=redis")
                .run((context) -> assertThat(context).doesNotHaveBean(LockStore.class));
    }

    @Test
    void shouldBackOffWhenUserDefinesAStore() {
        this.runner
                .withUserConfiguration(UserStoreConfiguration.class)
                .run((context) -> assertThat(context)
                        .hasSingleBean(LockStore.class)
                        .getBean(LockStore.class)
                        .isInstanceOf(InMemoryLockStore.class));
    }

    @Test
    void shouldNotRegisterWithoutDataSource() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JdbcLockStoreAutoConfiguration.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockStore.class));
    }

    @Test
    void shouldNotRegisterWithoutLockCore() {
        this.runner
                .withClassLoader(new FilteredClassLoader(LockStore.class))
                .run((context) -> assertThat(context).doesNotHaveBean(JdbcLockStore.class));
    }

    @Test
    void shouldFailAtStartupNamingThePropertyWhenStoreTableIsMissing() {
        this.runner.withPropertyValues("holdfast.jdbc.initialize-schema=never").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockTableMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("[holdfast_lock]");
            assertThat(analysis.getAction()).contains("holdfast.jdbc.initialize-schema=always");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStoreConfiguration {

        @Bean
        LockStore userStore() {
            return new InMemoryLockStore();
        }
    }
}
