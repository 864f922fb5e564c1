package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineLockRequestTests {

    static final LockKey PATIENT = LockKey.of("Patient", 42);

    @Test
    void shouldRejectIdleTimeoutsOutOfRangeNamingTheLockAndTheValue() {
        OfflineLockRequest request = OfflineLockRequest.of("Dr Green", "editing", PATIENT);

        for (Duration idle : List.of(
                Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(365).plusNanos(1))) {
            assertThatExceptionOfType(IllegalArgumentException.class)
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
    void shouldRejectOutOfRangeIdleTimeoutGivenToTheConstructor() {
        assertThatExceptionOfType(IllegalArgumentException.class)
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
        assertThat(request.owner()).isEqualTo("Dr Green");
        assertThat(request.keys()).containsExactly(PATIENT);
    }

    @Test
    void shouldRejectBadOwnersAsEveryLockDoesNamingTheLocksAndTheValue() {
        LockKey appointment = LockKey.of("Appointment", 7);
        String tooLong = "o".repeat(LockRequest.MAX_OWNER_LENGTH + 1);

        for (String owner : new String[] {null, "", "  ", tooLong, "Dr \uD800"}) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> OfflineLockRequest.of(owner, "editing", appointment, PATIENT))
                    .withMessageStartingWith("Lock [Appointment:7, Patient:42] owner ");
        }
        assertThat(OfflineLockRequest.of("o".repeat(LockRequest.MAX_OWNER_LENGTH), null, PATIENT)
                        .owner())
                .hasSize(LockRequest.MAX_OWNER_LENGTH);
    }

    @Test
    void shouldRejectMissingKeysAndLongReasonsWithIllegalArgumentException() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> OfflineLockRequest.of("Dr Green", "editing", List.of()))
                .withMessageContaining("[Dr Green]")
                .withMessageContaining("needs one key or more");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> OfflineLockRequest.of("Dr Green", "editing", Arrays.asList(PATIENT, null)))
                .withMessageContaining("none null, but had [Patient:42, null]");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> OfflineLockRequest.of("Dr Green", "editing", (Collection<LockKey>) null))
                .withMessageContaining("[Dr Green]");
        String reason = "r".repeat(OfflineLockRequest.MAX_REASON_LENGTH + 1);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> OfflineLockRequest.of("Dr Green", reason, PATIENT))
                .withMessageContaining("[Patient:42]")
                .withMessageContaining("longer than " + OfflineLockRequest.MAX_REASON_LENGTH);
    }

    @Test
    void shouldLockKeysOnceInNamespaceThenIdOrderAndDropTheOwnerOfOneTimeLocks() {
        LockKey appointment = LockKey.of("Appointment", 7);

        assertThat(OfflineLockRequest.of("Dr Green", null, PATIENT, appointment, PATIENT)
                        .keys())
                .containsExactly(appointment, PATIENT);
        assertThat(OfflineLockRequest.oneTime("import", PATIENT).owner()).isEmpty();
        assertThat(new OfflineLockRequest(List.of(PATIENT), "Dr Green", null, OfflineLockMode.ONE_TIME, null, false)
                        .owner())
                .isEmpty();
    }
}
