package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import dev.holdfast.lock.spring.actuate.endpoint.HeldLockSource;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Offline locks reach the lock listener beans (meters, observations) and the starter's {@code locks} endpoint. */
class OfflineLockObservabilityAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    OfflineLockAutoConfiguration.class))
            .withBean(RecordingListener.class);

    @Test
    void shouldTellTheLockListenerBeansOfOfflineAcquisitions() {
        runner.run((context) -> {
            context.getBean(OfflineLocks.class).tryAcquire(LockKey.of("Patient", 1), "Dr Green", "editing");
            assertThat(context.getBean(RecordingListener.class).of("Acquired"))
                    .singleElement()
                    .satisfies((event) -> {
                        assertThat(event.kind()).isEqualTo(LockKind.OFFLINE);
                        assertThat(event.name()).isEqualTo("Patient");
                    });
        });
    }

    @Test
    void shouldListOfflineLocksForTheLocksEndpointWithTheirTimeLeft() {
        runner.run((context) -> {
            OfflineLocks locks = context.getBean(OfflineLocks.class);
            locks.tryAcquire(OfflineLockRequest.of("Dr Green", "editing", LockKey.of("Patient", 1))
                    .withIdleTimeout(Duration.ofMinutes(10)));
            locks.tryAcquire(OfflineLockRequest.of("night batch", "billing", LockKey.of("Ward", 2))
                    .neverExpiring());
            HeldLockSource source = context.getBean(HeldLockSource.class);
            assertThat(source.kind()).isEqualTo(LockKind.OFFLINE);
            assertThat(source.list(null, 10)).hasSize(2).first().satisfies((patient) -> {
                assertThat(patient.key()).isEqualTo(LockKey.of("Patient", 1));
                assertThat(patient.owner()).isEqualTo("Dr Green");
                assertThat(patient.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
            });
            assertThat(source.list("Ward", 10))
                    .singleElement()
                    .satisfies((ward) -> assertThat(ward.remaining()).isEqualTo(LockRequest.FOREVER));
        });
    }

    @Test
    void shouldNotOfferALockSourceWithoutTheStarter() {
        runner.withClassLoader(new FilteredClassLoader(HeldLockSource.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(OfflineLocks.class)
                        .doesNotHaveBean("offlineHeldLockSource"));
    }
}
