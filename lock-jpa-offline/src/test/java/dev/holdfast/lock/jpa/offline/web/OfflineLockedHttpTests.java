package dev.holdfast.lock.jpa.offline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(classes = PatientApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OfflineLockedHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    OfflineLocks locks;

    @Test
    void shouldLeaveNoLockWhenGuardedRequestFailsWith500OverRealHttp() {
        RestTestClient client = client();

        client.put()
                .uri("/patients/78/notes?outcome=crash")
                .header("X-User", "Dr Green")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        client.put()
                .uri("/patients/78/prescriptions")
                .header("X-User", "Dr Brown")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void shouldReleaseTheFailedRequestsHoldOnceThoughTheErrorPageIsDispatchedToo() {
        client().put()
                .uri("/patients/79/notes?outcome=hold-then-crash")
                .header("X-User", "Dr Green")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(this.locks.find(LockKey.of("Patient", 79))).hasValueSatisfying((lock) -> {
            assertThat(lock.owner()).isEqualTo("Dr Green");
            assertThat(lock.reason()).isEqualTo("background job");
            assertThat(lock.holds()).isOne();
        });
    }

    @Test
    void shouldAnswer412WithProblemDetailOverRealHttpWhenAnotherUserHoldsTheLock() {
        RestTestClient client = client();

        client.put()
                .uri("/patients/77/prescriptions")
                .header("X-User", "Dr Green")
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> problem = client.put()
                .uri("/patients/77/prescriptions")
                .header("X-User", "Dr Brown")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(problem)
                .containsEntry("status", 412)
                .containsEntry("owner", "Dr Green")
                .containsEntry("reason", "editing prescriptions")
                .containsEntry("key", "Patient:77")
                .containsKeys("since", "expiresAt", "detail", "title", "type");
    }

    private RestTestClient client() {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + this.port)
                .build();
    }
}
