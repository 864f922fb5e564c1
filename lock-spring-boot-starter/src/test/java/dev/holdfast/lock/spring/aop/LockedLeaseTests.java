package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LockedLeaseTests {

    private static final LockKey SLOW = new LockKey("slow", "slow");

    private static final LockKey CONTROL = new LockKey("slow-control", "control");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory", "holdfast.watchdog-period=30ms")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withBean(Jobs.class);

    @Test
    void shouldKeepLockForTheMinimumHoldEvenAgainstTheSameThread() {
        this.runner.run((context) -> {
            Jobs jobs = context.getBean(Jobs.class);
            LockTemplate template = context.getBean(LockTemplate.class);

            assertThat(jobs.cleanup()).isEqualTo(1);
            assertThat(template.inspect(new LockKey("cleanup", "cleanup"))).isPresent();
            assertThat(template.heldCount()).isZero();
            assertThat(jobs.cleanup()).isNull();

            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(template.inspect(new LockKey("cleanup", "cleanup")))
                            .isEmpty());
            assertThat(jobs.cleanup()).isEqualTo(2);
        });
    }

    @Test
    void shouldRenewLeaseWhileMethodRunsLongerThanIt() {
        this.runner.withBean(RecordingListener.class).run((context) -> {
            LockTemplate template = context.getBean(LockTemplate.class);
            RecordingListener listener = context.getBean(RecordingListener.class);
            String result = context.getBean(Jobs.class).renewed(() -> {
                // Granted after the method's lock with the same lease and never renewed: its expiry shows that the
                // method's first lease is over.
                template.acquire(LockRequest.of(CONTROL)
                        .lease(Duration.ofMillis(150))
                        .autoRenew(false)
                        .build());
                await("the control lease expired and the watchdog renewed three times")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(10))
                        .failFast(
                                "the method's lease expired",
                                () -> template.inspect(SLOW).isEmpty())
                        .until(() -> template.inspect(CONTROL).isEmpty()
                                && listener.of("Renewed").stream()
                                                .filter((event) -> event.key().equals(SLOW))
                                                .count()
                                        >= 3);
                assertThat(template.tryAcquire(
                                        LockRequest.of(SLOW).owner("intruder").build())
                                .acquired())
                        .isFalse();
            });
            assertThat(result).isEqualTo("still held");
        });
    }

    @Test
    void shouldReportLostLeaseWhenNotRenewed() {
        this.runner.run((context) -> {
            LockTemplate template = context.getBean(LockTemplate.class);
            assertThatExceptionOfType(LockLostException.class)
                    .isThrownBy(() -> context.getBean(Jobs.class)
                            .notRenewed(() -> await("the method's lease expired")
                                    .atMost(Duration.ofSeconds(20))
                                    .pollInterval(Duration.ofMillis(10))
                                    .until(() -> template.inspect(SLOW).isEmpty())))
                    .withMessageContaining("Lock [slow:slow]");
        });
    }

    @Test
    void shouldUseTheApplicationsKeyAndOwnerResolvers() {
        this.runner
                .withBean(LockOwnerResolver.class, () -> (method, arguments) -> "ops-console")
                .withBean(
                        LockKeyResolver.class,
                        () -> (method, name, key) -> new LockKey("tenant-1." + name, key.toString()))
                .run((context) -> assertThat(context.getBean(Jobs.class).owner("42"))
                        .isEqualTo("ops-console tenant-1.owners:42"));
    }
}
