package dev.holdfast.lock.jpa.offline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.jpa.offline.LockTarget;
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
                    assertThat(json).extractingPath("$.holder").isEqualTo("Dr Green");
                    assertThat(json).extractingPath("$.reason").isEqualTo("editing prescriptions");
                    assertThat(json).extractingPath("$.target").isEqualTo("Patient:42");
                    assertThat(json).extractingPath("$.detail").asString().contains("'Dr Green'");
                });

        assertThat(this.mvc.put().uri("/patients/42/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();
        assertThat(this.locks.find(LockTarget.of("Patient", 42)))
                .hasValueSatisfying((lock) -> assertThat(lock.holder()).isEqualTo("Dr Green"));
    }

    @Test
    void shouldReleaseAfterSuccessWhenAsked() {
        assertThat(this.mvc.post().uri("/patients/43/prescriptions").header("X-User", "Dr Green"))
                .hasStatusOk();

        assertThat(this.locks.find(LockTarget.of("Patient", 43))).isEmpty();
        assertThat(this.mvc.put().uri("/patients/43/prescriptions").header("X-User", "Dr Brown"))
                .hasStatusOk();
    }

    @Test
    void shouldAnswer401WithoutAUser() {
        assertThat(this.mvc.put().uri("/patients/44/prescriptions")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(this.locks.find(LockTarget.of("Patient", 44))).isEmpty();
    }
}
