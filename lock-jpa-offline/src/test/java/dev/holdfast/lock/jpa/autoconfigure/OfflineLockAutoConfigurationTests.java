package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jdbc.LockTableMissingException;
import dev.holdfast.lock.jpa.autoconfigure.app.JpaApplication;
import dev.holdfast.lock.jpa.autoconfigure.app.Patient;
import dev.holdfast.lock.jpa.autoconfigure.app.Ward;
import dev.holdfast.lock.jpa.offline.JdbcOfflineLocks;
import dev.holdfast.lock.jpa.offline.OfflineLockEntry;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.servlet.config.annotation.DelegatingWebMvcConfiguration;

class OfflineLockAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    OfflineLockAutoConfiguration.class));

    @Test
    void shouldCreateTableAndOfflineLocksOnEmbeddedDatabaseByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(JdbcOfflineLocks.class).hasSingleBean(OfflineLockSweeper.class);
            OfflineLocks locks = context.getBean(OfflineLocks.class);
            assertThat(locks.tryAcquire(LockKey.of("Patient", 1), "Dr Green", "editing")
                            .acquired())
                    .isTrue();
        });
    }

    @Test
    void shouldBackOffWhenUserDefinesOfflineLocks() {
        this.runner
                .withUserConfiguration(UserLocksConfiguration.class)
                .run((context) ->
                        assertThat(context).hasSingleBean(OfflineLocks.class).hasBean("userLocks"));
    }

    @Test
    void shouldConfigureNothingWhenDisabled() {
        this.runner
                .withPropertyValues("holdfast.offline.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(OfflineLocks.class));
    }

    @Test
    void shouldNotSweepWhenSweepIsDisabled() {
        this.runner
                .withPropertyValues("holdfast.offline.sweep.enabled=false")
                .run((context) -> assertThat(context)
                        .hasSingleBean(OfflineLocks.class)
                        .doesNotHaveBean(OfflineLockSweeper.class));
    }

    @Test
    void shouldFailAtStartupNamingThePropertyWhenTableIsMissing() {
        this.runner.withPropertyValues("holdfast.jdbc.initialize-schema=never").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(org.h2.jdbc.JdbcSQLSyntaxErrorException.class);
            FailureAnalysis analysis = new LockTableMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("[holdfast_offline_lock]", "h2");
            assertThat(analysis.getAction())
                    .contains("holdfast.jdbc.initialize-schema=always", "schema-h2.sql", "Flyway", "Liquibase");
            assertThat(analysis.getCause()).isInstanceOf(LockTableMissingException.class);
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            holdfast.offline.idle-timeout   | 0s    | PT0S
            holdfast.offline.idle-timeout   | -1m   | PT-1M
            holdfast.offline.idle-timeout   | 366d  | PT8784H
            holdfast.offline.sweep.interval | 0     | PT0S
            holdfast.offline.sweep.interval | 400d  | PT9600H
            """)
    void shouldFailAtStartupNamingPropertyAndValueOutOfRange(String property, String value, String shown) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo(property + " is '" + shown + "': it must be positive and at most 365d.");
            assertThat(analysis.getAction())
                    .isEqualTo("Set " + property + " to a duration in that range (such as 10m), or remove it to use "
                            + "the default.");
        });
    }

    @Test
    void shouldTakeIdleTimeoutAndSweepIntervalAtTheirBounds() {
        this.runner
                .withPropertyValues("holdfast.offline.idle-timeout=365d", "holdfast.offline.sweep.interval=1ms")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(OfflineLockProperties.class).getIdleTimeout())
                            .isEqualTo(Duration.ofDays(365));
                });
    }

    @Test
    void shouldRegisterLockEntityWithoutEntityScanAndKeepApplicationEntities() {
        jpaRunner().withUserConfiguration(JpaApplication.class).run((context) -> {
            EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
            assertThat(factory.getMetamodel().entity(OfflineLockEntry.class).getName())
                    .isEqualTo("HoldfastOfflineLock");
            assertThat(factory.getMetamodel().entity(Patient.class)).isNotNull();
            OfflineLocks locks = context.getBean(OfflineLocks.class);
            assertThat(locks.keyOf(new Patient(7L, "Ann"))).isEqualTo(LockKey.of("Patient", 7));
            locks.tryAcquire(locks.keyOf(new Patient(7L, "Ann")), "Dr Green", "editing");
            EntityManager em = factory.createEntityManager();
            try {
                List<OfflineLockEntry> rows = em.createQuery(
                                "select l from HoldfastOfflineLock l where l.owner = 'Dr Green'",
                                OfflineLockEntry.class)
                        .getResultList();
                assertThat(rows).singleElement().satisfies((row) -> {
                    assertThat(row.getLockNamespace()).isEqualTo("Patient");
                    assertThat(row.getLockId()).isEqualTo("7");
                    assertThat(row.getExpiresAt()).isAfter(row.getCreatedAt());
                });
            } finally {
                em.close();
            }
        });
    }

    @Test
    void shouldRegisterLockEntityAlongsideUsersEntityScan() {
        jpaRunner().withUserConfiguration(EntityScanApplication.class).run((context) -> {
            EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
            assertThat(factory.getMetamodel().entity(OfflineLockEntry.class)).isNotNull();
            assertThat(factory.getMetamodel().entity(Patient.class)).isNotNull();
        });
    }

    @Test
    void shouldRefuseToNameEntityWithNullIdNamingItsType() {
        jpaRunner().withUserConfiguration(JpaApplication.class).run((context) -> {
            OfflineLocks locks = context.getBean(OfflineLocks.class);
            org.assertj.core.api.Assertions.assertThatException()
                    .isThrownBy(() -> locks.keyOf(new Patient(null, "Unsaved")))
                    .withMessageContaining("[Patient]")
                    .withMessageContaining("null id");
        });
    }

    @Test
    void shouldRefuseToNameEntityWhoseEntityNameIsNoLockNamespaceSayingHowToNameIt() {
        jpaRunner().withUserConfiguration(JpaApplication.class).run((context) -> {
            OfflineLocks locks = context.getBean(OfflineLocks.class);
            assertThat(context.getBean(EntityManagerFactory.class)
                            .getMetamodel()
                            .entity(Ward.Bed.class)
                            .getName())
                    .isEqualTo("Ward$Bed");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> locks.keyOf(new Ward.Bed(3L)))
                    .withMessageContaining("Offline lock key of entity [Ward$Bed] (" + Ward.Bed.class.getName() + ")")
                    .withMessageContaining("may hold only letters, digits, '.', '_' and '-', but has '$'")
                    .withMessageContaining("@Entity(name = …)");
            assertThat(locks.keyOf(new Ward.NamedBed(3L))).isEqualTo(LockKey.of("WardBed", 3));
        });
    }

    @Test
    void shouldGuardMvcHandlersInWebApplications() {
        new WebApplicationContextRunner()
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        LockSchemaAutoConfiguration.class,
                        OfflineLockAutoConfiguration.class))
                .withUserConfiguration(DelegatingWebMvcConfiguration.class)
                .run((context) -> assertThat(context).hasBean("offlineLockInterceptor"));
        this.runner.run((context) -> assertThat(context).doesNotHaveBean("offlineLockInterceptor"));
    }

    private ApplicationContextRunner jpaRunner() {
        return new ApplicationContextRunner()
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        TransactionAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class,
                        LockSchemaAutoConfiguration.class,
                        OfflineLockAutoConfiguration.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserLocksConfiguration {

        @Bean
        OfflineLocks userLocks(DataSource dataSource) {
            return new JdbcOfflineLocks(dataSource, Duration.ofMinutes(1), (lock, cause) -> {}, null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Patient.class)
    static class EntityScanApplication {}
}
