package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineLockRequestTests {

    static final LockTarget PATIENT = LockTarget.of("Patient", 42);

    @Test
    void shouldRefuseIdleTimeoutsOutOfRangeNamingTargetAndValue() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT);

        for (Duration idle : List.of(
                Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(365).plusNanos(1))) {
            assertThatExceptionOfType(InvalidLockTargetException.class)
                    .isThrownBy(() -> request.withIdleTimeout(idle))
                    .withMessageContaining("[Patient:42]")
                    .withMessageContaining("must be positive and at most 365 days")
                    .withMessageContaining("got " + idle);
        }
    }

    @Test
    void shouldAcceptIdleTimeoutsUpToTheDocumentedMaximum() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT);

        assertThat(OfflineLockRequest.MAX_IDLE_TIMEOUT).isEqualTo(Duration.ofDays(365));
        assertThat(request.withIdleTimeout(OfflineLockRequest.MAX_IDLE_TIMEOUT).idleTimeout())
                .isEqualTo(Duration.ofDays(365));
        assertThat(request.withIdleTimeout(Duration.ofNanos(1)).idleTimeout()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void shouldRefuseOutOfRangeIdleTimeoutGivenToTheConstructor() {
        assertThatExceptionOfType(InvalidLockTargetException.class)
                .isThrownBy(() -> new OfflineLockRequest(
                        List.of(PATIENT), "Dr Green", null, OfflineLockMode.REENTRANT, Duration.ofDays(400), false))
                .withMessageContaining("[Patient:42]")
                .withMessageContaining("got PT9600H");
    }

    @Test
    void shouldKeepEverythingButTheModeWhenAskedToTakeOrRenew() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT)
                .withIdleTimeout(Duration.ofMinutes(5))
                .takeOrRenew();

        assertThat(request.mode()).isEqualTo(OfflineLockMode.TAKE_OR_RENEW);
        assertThat(request.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(request.holder()).isEqualTo("Dr Green");
        assertThat(request.targets()).containsExactly(PATIENT);
    }
}
