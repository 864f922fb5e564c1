package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

class LockSchemaAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true")
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, LockSchemaAutoConfiguration.class));

    @Test
    void shouldCreateTheLockTablesOnAnEmbeddedDatabase() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockSchemaInitializer.class);
            assertThat(tables(context.getBean(DataSource.class))).contains("HOLDFAST_LOCK", "HOLDFAST_OFFLINE_LOCK");
        });
    }

    @Test
    void shouldTakeAPlatformThatHasAScript() {
        this.runner
                .withPropertyValues("holdfast.jdbc.platform=h2")
                .run((context) ->
                        assertThat(tables(context.getBean(DataSource.class))).contains("HOLDFAST_LOCK"));
    }

    @Test
    void shouldFailAtStartupNamingAPlatformWithoutScript() {
        this.runner.withPropertyValues("holdfast.jdbc.platform=oracle").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .isEqualTo("holdfast.jdbc.platform is 'oracle': there is no lock table script for it at "
                            + "classpath:dev/holdfast/lock/jpa/schema-oracle.sql.");
            assertThat(analysis.getAction()).startsWith("Set holdfast.jdbc.platform to postgresql, mysql or h2");
        });
    }

    @Test
    void shouldFailAtStartupNamingASchemaThatDoesNotExist() {
        this.runner
                .withPropertyValues("holdfast.jdbc.schema=classpath:db/no-such-locks.sql")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo(
                                    "holdfast.jdbc.schema is 'classpath:db/no-such-locks.sql': there is no script at that "
                                            + "location.");
                    assertThat(analysis.getAction()).startsWith("Set holdfast.jdbc.schema to an existing script");
                });
    }

    @Test
    void shouldNotCheckAnOptionalSchema() {
        this.runner
                .withPropertyValues("holdfast.jdbc.schema=optional:classpath:db/no-such-locks.sql")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldBackOffForTheApplicationsInitializer() {
        this.runner
                .withPropertyValues("holdfast.jdbc.platform=oracle")
                .withUserConfiguration(UserInitializer.class)
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .getBean(LockSchemaInitializer.class)
                        .isSameAs(context.getBean(UserInitializer.class).initializer));
    }

    @Test
    void shouldNotConfigureWithoutJdbc() {
        this.runner
                .withClassLoader(new FilteredClassLoader(DataSource.class))
                .run((context) -> assertThat(context).doesNotHaveBean(LockSchemaInitializer.class));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment()).analyze(failure);
        assertThat(analysis).isNotNull();
        return analysis;
    }

    private static java.util.List<String> tables(DataSource dataSource) {
        return new JdbcTemplate(dataSource)
                .queryForList(
                        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'HOLDFAST%'",
                        String.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserInitializer {

        LockSchemaInitializer initializer;

        @Bean
        LockSchemaInitializer userSchemaInitializer(DataSource dataSource) {
            HoldfastJdbcProperties properties = new HoldfastJdbcProperties();
            this.initializer = new LockSchemaInitializer(dataSource, properties);
            return this.initializer;
        }
    }
}
