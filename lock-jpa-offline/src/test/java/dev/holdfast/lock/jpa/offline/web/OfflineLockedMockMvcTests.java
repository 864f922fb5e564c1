package dev.holdfast.lock.jpa.offline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLock;
import dev.holdfast.lock.jpa.offline.OfflineLockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest(classes = PatientApplication.class)
class OfflineLockedMockMvcTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    OfflineLocks locks;

    MockMvcTester mvc;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcTester.from(this.context);
        this.locks.releaseAll("Dr Green");
        this.locks.releaseAll("Dr Brown");
    }

    @Test
    void shouldLetTheSameUserPassAndAnswerOthers412WithProblemDetail() {
        assertThat(this.mvc.put().uri("/patients/42/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk()
                .hasBodyTextEqualTo("editing 42");

        assertThat(this.mvc.put().uri("/patients/42/prescriptions").header("X-User", "Dr Brown"))
                .hasStatus(HttpStatus.PRECONDITION_FAILED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .satisfies((json) -> {
                    assertThat(json).extractingPath("$.status").asNumber().isEqualTo(412);
                    assertThat(json).extractingPath("$.owner").isEqualTo("Dr Green");
                    assertThat(json).extractingPath("$.reason").isEqualTo("editing prescriptions");
                    assertThat(json).extractingPath("$.key").isEqualTo("Patient:42");
                    assertThat(json).extractingPath("$.detail").asString().contains("'Dr Green'");
                });

        assertThat(this.mvc.put().uri("/patients/42/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();
        assertThat(this.locks.find(LockKey.of("Patient", 42)))
                .hasValueSatisfying((lock) -> assertThat(lock.owner()).isEqualTo("Dr Green"));
    }

    @Test
    void shouldReleaseAfterSuccessWhenAsked() {
        assertThat(this.mvc.post().uri("/patients/43/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();

        assertThat(this.locks.find(LockKey.of("Patient", 43))).isEmpty();
        assertThat(this.mvc.put().uri("/patients/43/prescriptions").header("X-User", "Dr Brown"))
                .hasStatusOk();
    }

    @Test
    void shouldNotPileUpHoldsAcrossTheRequestsOfOneEdit() {
        for (int i = 0; i < 3; i++) {
            assertThat(this.mvc.put().uri("/patients/45/prescriptions").header("X-User", "Dr Green"))
                    .hasStatusOk();
        }

        assertThat(this.locks.find(LockKey.of("Patient", 45)))
                .hasValueSatisfying((lock) -> assertThat(lock.holds()).isOne());
        assertThat(this.locks.release(LockKey.of("Patient", 45), "Dr Green")).isTrue();
        assertThat(this.locks.find(LockKey.of("Patient", 45))).isEmpty();
    }

    @Test
    void shouldEndTheEditWhenAfterSuccessRequestSucceeds() {
        assertThat(this.mvc.put().uri("/patients/46/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();
        assertThat(this.mvc.put().uri("/patients/46/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();

        assertThat(this.mvc.post().uri("/patients/46/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();

        assertThat(this.locks.find(LockKey.of("Patient", 46))).isEmpty();
    }

    @Test
    void shouldLeaveNoLockWhenGuardedRequestFailsWithAnException() {
        assertThat(this.mvc.put().uri("/patients/50/notes?outcome=crash").header("X-User", "Dr Green"))
                .hasFailed()
                .failure()
                .hasRootCauseInstanceOf(IllegalStateException.class);

        assertThat(this.locks.find(LockKey.of("Patient", 50))).isEmpty();
    }

    @Test
    void shouldLeaveNoLockWhenGuardedRequestAnswersAnErrorStatus() {
        assertThat(this.mvc.put().uri("/patients/51/notes?outcome=invalid").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(this.mvc.put().uri("/patients/52/notes?outcome=missing").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.NOT_FOUND);

        assertThat(this.locks.find(LockKey.of("Patient", 51))).isEmpty();
        assertThat(this.locks.find(LockKey.of("Patient", 52))).isEmpty();
        assertThat(this.mvc.put().uri("/patients/51/prescriptions").header("X-User", "Dr Brown"))
                .hasStatusOk();
    }

    @Test
    void shouldLeaveNoLockWhenAfterSuccessRequestFails() {
        assertThat(this.mvc.post().uri("/patients/54/notes?outcome=invalid").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);

        assertThat(this.locks.find(LockKey.of("Patient", 54))).isEmpty();
    }

    @Test
    void shouldKeepTheLockTheHolderHadBeforeWhenTheirGuardedRequestFails() {
        LockKey patient = LockKey.of("Patient", 53);
        assertThat(this.mvc.put().uri("/patients/53/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();
        OfflineLock before = this.locks.find(patient).orElseThrow();

        assertThat(this.mvc.put().uri("/patients/53/notes?outcome=crash").header("X-User", "Dr Green"))
                .hasFailed();
        assertThat(this.mvc.put().uri("/patients/53/notes?outcome=invalid").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(this.mvc.post().uri("/patients/53/notes?outcome=missing").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.NOT_FOUND);

        assertThat(this.locks.find(patient)).hasValueSatisfying((lock) -> {
            assertThat(lock.owner()).isEqualTo("Dr Green");
            assertThat(lock.token()).isEqualTo(before.token());
        });
        assertThat(this.mvc.put().uri("/patients/53/prescriptions").header("X-User", "Dr Brown"))
                .hasStatus(HttpStatus.PRECONDITION_FAILED);
    }

    @Test
    void shouldKeepNeverExpiringLockNeverExpiringThroughGuardedRequests() {
        LockKey patient = LockKey.of("Patient", 56);
        this.locks.tryAcquire(
                OfflineLockRequest.of("Dr Green", "billing", patient).neverExpiring());

        assertThat(this.mvc.put().uri("/patients/56/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();

        assertThat(this.locks.find(patient))
                .hasValueSatisfying((lock) -> assertThat(lock.neverExpires()).isTrue());
    }

    @Test
    void shouldAnswer400NamingTheLockWhenTheRequestNamesAnIdOrOwnerNoLockTakes() {
        String longest = "w".repeat(LockKey.MAX_ID_LENGTH);
        assertThat(this.mvc.put().uri("/wards/" + longest).header("X-User", "Dr Green"))
                .hasStatusOk();
        assertThat(this.locks.release(LockKey.of("Ward", longest), "Dr Green")).isTrue();

        assertThat(this.mvc.put().uri("/wards/" + longest + "w").header("X-User", "Dr Green"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("[Ward]")
                .contains("longer than " + LockKey.MAX_ID_LENGTH + " characters");
        assertThat(this.mvc.put().uri("/wards/north").header("X-User", "o".repeat(LockRequest.MAX_OWNER_LENGTH + 1)))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("Lock [Ward:north] owner")
                .contains("longer than " + LockRequest.MAX_OWNER_LENGTH + " characters");
        assertThat(this.locks.find(LockKey.of("Ward", "north"))).isEmpty();
    }

    @Test
    void shouldAnswer401WithoutAUser() {
        assertThat(this.mvc.put().uri("/patients/44/prescriptions")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(this.locks.find(LockKey.of("Patient", 44))).isEmpty();
    }
}
