package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.aop.LockedDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/** Every {@code holdfast.*} value Holdfast cannot work with fails at startup, naming the property and the value. */
class HoldfastPropertiesValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            holdfast.default-lease    | 0s    | holdfast.default-lease is 'PT0S': a lease must be from 1ms to 365d.
            holdfast.default-lease    | -5s   | holdfast.default-lease is 'PT-5S': a lease must be from 1ms to 365d.
            holdfast.default-lease    | 366d  | holdfast.default-lease is 'PT8784H': a lease must be from 1ms to 365d.
            holdfast.default-wait     | -1ms  | holdfast.default-wait is 'PT-0.001S': a wait must be from 0 (try once) to 365d.
            holdfast.default-wait     | 366d  | holdfast.default-wait is 'PT8784H': a wait must be from 0 (try once) to 365d.
            holdfast.watchdog-period  | 0     | holdfast.watchdog-period is 'PT0S': the watchdog period must be positive and at most 365d.
            holdfast.watchdog-period  | -1s   | holdfast.watchdog-period is 'PT-1S': the watchdog period must be positive and at most 365d.
            holdfast.watchdog-period  | 400d  | holdfast.watchdog-period is 'PT9600H': the watchdog period must be positive and at most 365d.
            holdfast.integration.lease | 0s   | holdfast.integration.lease is 'PT0S': a lease must be from 1ms to 365d.
            holdfast.integration.lease | 366d | holdfast.integration.lease is 'PT8784H': a lease must be from 1ms to 365d.
            """)
    void shouldRejectADurationOutOfRangeNamingPropertyAndValue(String property, String value, String description) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(description);
            assertThat(analysis.getAction())
                    .startsWith("Set " + property + " to ")
                    .endsWith("to use the default.");
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            holdfast.integration.namespace | order lines | holdfast.integration.namespace is 'order lines': a lock namespace holds 1 to 64 letters, digits, '.', '_' and '-'.
            holdfast.shedlock.namespace    | jobs:nightly | holdfast.shedlock.namespace is 'jobs:nightly': a lock namespace holds 1 to 64 letters, digits, '.', '_' and '-'.
            """)
    void shouldRejectANamespaceNoLockKeyCanHave(String property, String value, String description) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(description);
            assertThat(analysis.getAction())
                    .startsWith("Set " + property + " to such a name")
                    .endsWith("to use the default.");
        });
    }

    @Test
    void shouldRejectABlankInstanceId() {
        assertRejected("holdfast.instance-id", " ", "holdfast.instance-id is '': an instance id must not be blank.");
    }

    @Test
    void shouldRejectAnInstanceIdWhoseOwnersWouldBeTooLong() {
        String id = "n".repeat(HoldfastProperties.MAX_INSTANCE_ID_LENGTH + 1);
        assertRejected(
                "holdfast.instance-id",
                id,
                "holdfast.instance-id is '" + id + "': an instance id is at most 235 characters, so that the default "
                        + "owners it starts fit in 255.");
    }

    @Test
    void shouldRejectAnInstanceIdThatIsNotWellFormedUnicode() {
        assertRejected(
                "holdfast.instance-id",
                "node\uD800",
                "holdfast.instance-id is 'node\uD800': an instance id must be well-formed Unicode without control "
                        + "characters.");
    }

    @Test
    void shouldAcceptTheBoundsOfEveryRange() {
        String id = "n".repeat(HoldfastProperties.MAX_INSTANCE_ID_LENGTH);
        this.runner
                .withPropertyValues(
                        "holdfast.default-lease=1ms",
                        "holdfast.default-wait=365d",
                        "holdfast.watchdog-period=365d",
                        "holdfast.instance-id=" + id)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LockedDefaults.class))
                            .isEqualTo(new LockedDefaults(Duration.ofMillis(1), Duration.ofDays(365)));
                    LockTemplate template = context.getBean(LockTemplate.class);
                    assertThat(template.instanceId()).isEqualTo(id);
                    template.acquire(dev.holdfast.lock.LockRequest.of("room", "101")
                                    .build())
                            .close();
                });
        this.runner
                .withPropertyValues("holdfast.default-lease=365d", "holdfast.default-wait=0")
                .run((context) -> assertThat(context.getBean(LockedDefaults.class))
                        .isEqualTo(new LockedDefaults(Duration.ofDays(365), Duration.ZERO)));
    }

    @Test
    void shouldOrderTheAdvisorByTheBoundProperty() {
        this.runner
                .withPropertyValues("holdfast.advisor-order=42")
                .run((context) -> assertThat(context.getBean("lockedAdvisor", org.springframework.core.Ordered.class)
                                .getOrder())
                        .isEqualTo(42));
        this.runner.run((context) -> assertThat(context.getBean("lockedAdvisor", org.springframework.core.Ordered.class)
                        .getOrder())
                .isEqualTo(HoldfastProperties.DEFAULT_ADVISOR_ORDER));
    }

    private void assertRejected(String property, String value, String description) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new LockConfigurationFailureAnalyzer(new StandardEnvironment())
                    .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith(description);
            assertThat(analysis.getAction()).startsWith("Set " + property + " to ");
        });
    }
}
