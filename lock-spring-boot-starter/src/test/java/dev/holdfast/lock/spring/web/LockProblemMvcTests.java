package dev.holdfast.lock.spring.web;

import static dev.holdfast.lock.spring.web.LockProblemApplication.freeRooms;
import static dev.holdfast.lock.spring.web.LockProblemApplication.holdForTom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Lock exceptions in a Spring MVC application, answered as problem details. */
@SpringBootTest(classes = LockProblemApplication.class, properties = "spring.main.web-application-type=servlet")
@AutoConfigureMockMvc
class LockProblemMvcTests {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private LockOperations locks;

    @AfterEach
    void free() {
        freeRooms(this.locks);
    }

    @Test
    void shouldAnswerConflictWithProblemDetailThatHidesTheOwner() {
        holdForTom(this.locks, 101, Duration.ofSeconds(30));

        MvcTestResult result = book(this.mvc, 101, "Jack");

        assertThat(result)
                .hasStatus(409)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.RETRY_AFTER, "30");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:holdfast:problem:lock-not-acquired");
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Lock not acquired");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Lock [room:101] is held by another owner; its lease ends in 30 s.");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(409);
        assertThat(result).bodyJson().extractingPath("$.lock").isEqualTo("room:101");
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("room");
        assertThat(result).bodyJson().doesNotHavePath("$.owner");
        assertThat(result).bodyText().doesNotContain("Tom").doesNotContain("Jack");
    }

    @Test
    void shouldRoundRetryAfterUpFromTheHoldersRemainingLease() {
        holdForTom(this.locks, 102, Duration.ofMillis(12_300));
        holdForTom(this.locks, 103, Duration.ofMillis(12_000));
        holdForTom(this.locks, 104, Duration.ofMillis(1));

        assertThat(book(this.mvc, 102, "Jack")).hasStatus(409).hasHeader(HttpHeaders.RETRY_AFTER, "13");
        assertThat(book(this.mvc, 103, "Jack")).hasStatus(409).hasHeader(HttpHeaders.RETRY_AFTER, "12");
        assertThat(book(this.mvc, 104, "Jack")).hasStatus(409).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void shouldSendNoRetryAfterForALockThatNeverExpires() {
        holdForTom(this.locks, 105, LockRequest.FOREVER);

        MvcTestResult result = book(this.mvc, 105, "Jack");

        assertThat(result).hasStatus(409).doesNotContainHeader(HttpHeaders.RETRY_AFTER);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Lock [room:105] is held by another owner until released.");
    }

    @Test
    void shouldAnswerALostLockWith500ProblemDetail() {
        MvcTestResult result =
                this.mvc.post().uri("/rooms/106/lost-booking?user=Tom").exchange();

        assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:holdfast:problem:lock-lost");
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Lock lost");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("was lost");
        assertThat(result).bodyText().doesNotContain("Tom");
    }

    static MvcTestResult book(MockMvcTester mvc, int room, String user) {
        return mvc.post().uri("/rooms/{room}/booking?user={user}", room, user).exchange();
    }

    @Nested
    @TestPropertySource(properties = "holdfast.web.expose-owner=true")
    class WhenOwnersMayBeShown {

        @Autowired
        private MockMvcTester mvc;

        @Autowired
        private LockOperations locks;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldNameTheHolder() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            MvcTestResult result = book(this.mvc, 101, "Jack");

            assertThat(result).hasStatus(409).hasHeader(HttpHeaders.RETRY_AFTER, "30");
            assertThat(result).bodyJson().extractingPath("$.owner").isEqualTo("Tom");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.detail")
                    .isEqualTo("Lock [room:101] is held by 'Tom'; its lease ends in 30 s.");
        }

        @Test
        void shouldSayWhoLostTheLock() {
            MvcTestResult result =
                    this.mvc.post().uri("/rooms/106/lost-booking?user=Tom").exchange();

            assertThat(result).hasStatus(500);
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'Tom'", "was lost");
        }
    }

    @Nested
    @TestPropertySource(properties = "holdfast.web.problem-details.enabled=false")
    class WhenTurnedOff {

        @Autowired
        private MockMvcTester mvc;

        @Autowired
        private LockOperations locks;

        @Autowired
        private ApplicationContext context;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldLeaveLockExceptionsUnhandled() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            assertThat(this.context.getBeansOfType(LockProblemHandler.class)).isEmpty();
            assertThat(book(this.mvc, 101, "Jack"))
                    .hasFailed()
                    .failure()
                    .hasCauseInstanceOf(LockNotAcquiredException.class);
        }
    }

    @Nested
    @Import(ApplicationLockAdvice.class)
    class WhenTheApplicationHandlesConflicts {

        @Autowired
        private MockMvcTester mvc;

        @Autowired
        private LockOperations locks;

        @AfterEach
        void free() {
            freeRooms(this.locks);
        }

        @Test
        void shouldLetTheApplicationsOwnHandlerWin() {
            holdForTom(this.locks, 101, Duration.ofSeconds(30));

            assertThat(book(this.mvc, 101, "Jack")).hasStatus(503).hasBodyTextEqualTo("Busy: room:101");
        }

        @Test
        void shouldStillAnswerWhatTheApplicationDoesNotHandle() {
            assertThat(this.mvc.post().uri("/rooms/106/lost-booking?user=Tom").exchange())
                    .hasStatus(500)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
