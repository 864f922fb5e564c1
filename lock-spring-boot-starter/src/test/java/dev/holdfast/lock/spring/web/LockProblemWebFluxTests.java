package dev.holdfast.lock.spring.web;

import static dev.holdfast.lock.spring.web.LockProblemApplication.freeRooms;
import static dev.holdfast.lock.spring.web.LockProblemApplication.holdForTom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;

/** Lock exceptions in a WebFlux application, answered as problem details. */
@SpringBootTest(classes = LockProblemApplication.class, properties = "spring.main.web-application-type=reactive")
@AutoConfigureWebTestClient
class LockProblemWebFluxTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private WebTestClient client;

    @Autowired
    private LockOperations locks;

    @Autowired
    private ApplicationContext context;

    @AfterEach
    void free() {
        freeRooms(this.locks);
    }

    @Test
    void shouldAnswerConflictWithProblemDetailThatHidesTheOwner() {
        assertThat(this.context.getBeansOfType(DispatcherHandler.class)).hasSize(1);
        holdForTom(this.locks, 101, Duration.ofSeconds(30));

        EntityExchangeResult<Map<String, Object>> result = book(this.client, 101, "Jack");

        assertThat(result.getStatus().value()).isEqualTo(409);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("30");
        assertThat(result.getResponseBody())
                .containsEntry("type", "urn:holdfast:problem:lock-not-acquired")
                .containsEntry("title", "Lock not acquired")
                .containsEntry("status", 409)
                .containsEntry("detail", "Lock [room:101] is held by another owner; its lease ends in 30 s.")
                .containsEntry("lock", "room:101")
                .containsEntry("name", "room")
                .doesNotContainKey("owner");
        assertThat(result.getResponseBody().toString()).doesNotContain("Tom").doesNotContain("Jack");
    }

    @Test
    void shouldRoundRetryAfterUpFromTheHoldersRemainingLease() {
        holdForTom(this.locks, 102, Duration.ofMillis(12_300));
        holdForTom(this.locks, 103, Duration.ofMillis(12_000));

        assertThat(book(this.client, 102, "Jack").getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("13");
        assertThat(book(this.client, 103, "Jack").getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("12");
    }

    @Test
    void shouldSendNoRetryAfterForALockThatNeverExpires() {
        holdForTom(this.locks, 105, LockRequest.FOREVER);

        EntityExchangeResult<Map<String, Object>> result = book(this.client, 105, "Jack");

        assertThat(result.getStatus().value()).isEqualTo(409);
        assertThat(result.getResponseHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .isFalse();
    }

    @Test
    void shouldAnswerALostLockWith500ProblemDetail() {
        EntityExchangeResult<Map<String, Object>> result = loseBooking(this.client);

        assertThat(result.getStatus().value()).isEqualTo(500);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseBody())
                .containsEntry("type", "urn:holdfast:problem:lock-lost")
                .containsEntry("title", "Lock lost");
        assertThat(result.getResponseBody().get("detail")).asString().contains("was lost");
        assertThat(result.getResponseBody().toString()).doesNotContain("Tom");
    }

    static EntityExchangeResult<Map<String, Object>> book(WebTestClient client, int room, String user) {
        return client.post()
                .uri("/rooms/{room}/booking?user={user}", room, user)
                .exchange()
                .expectBody(JSON)
                .returnResult();
    }

    static EntityExchangeResult<Map<String, Object>> loseBooking(WebTestClient client) {
        return client.post()
                .uri("/rooms/106/lost-booking?user=Tom")
                .exchange()
                .expectBody(JSON)
                .returnResult();
    }

    @Nested
    @TestPropertySource(properties = "holdfast.web.expose-owner=true")
    class WhenOwnersMayBeShown {

        @Autowired
        private WebTestClient client;

        @Autowired
        private LockOperations locks;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldNameTheHolder() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            EntityExchangeResult<Map<String, Object>> result = book(this.client, 101, "Jack");

            assertThat(result.getStatus().value()).isEqualTo(409);
            assertThat(result.getResponseBody())
                    .containsEntry("owner", "Tom")
                    .containsEntry("detail", "Lock [room:101] is held by 'Tom'; its lease ends in 30 s.");
        }
    }

    @Nested
    @TestPropertySource(properties = "holdfast.web.problem-details.enabled=false")
    class WhenTurnedOff {

        @Autowired
        private WebTestClient client;

        @Autowired
        private LockOperations locks;

        @Autowired
        private ApplicationContext context;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldLeaveLockExceptionsToWebFluxsErrorHandling() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            EntityExchangeResult<Map<String, Object>> result = book(this.client, 101, "Jack");

            assertThat(this.context.getBeansOfType(LockProblemHandler.class)).isEmpty();
            assertThat(result.getStatus().value()).isEqualTo(500);
            assertThat(result.getResponseHeaders().getContentType()).isNotEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result.getResponseBody()).doesNotContainKey("type");
        }
    }

    @Nested
    @Import(ApplicationLockAdvice.class)
    class WhenTheApplicationHandlesConflicts {

        @Autowired
        private WebTestClient client;

        @Autowired
        private LockOperations locks;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldLetTheApplicationsOwnHandlerWin() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            EntityExchangeResult<String> result = this.client
                    .post()
                    .uri("/rooms/101/booking?user=Jack")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();

            assertThat(result.getStatus().value()).isEqualTo(503);
            assertThat(result.getResponseBody()).isEqualTo("Busy: room:101");
        }

        @Test
        void shouldStillAnswerWhatTheApplicationDoesNotHandle() {
            EntityExchangeResult<Map<String, Object>> result = loseBooking(this.client);

            assertThat(result.getStatus().value()).isEqualTo(500);
            assertThat(result.getResponseBody()).containsEntry("type", "urn:holdfast:problem:lock-lost");
        }
    }
}
