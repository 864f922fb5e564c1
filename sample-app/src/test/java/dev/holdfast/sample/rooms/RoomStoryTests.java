package dev.holdfast.sample.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MvcTestResultAssert;

@SpringBootTest
@AutoConfigureMockMvc
class RoomStoryTests {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private LockOperations locks;

    @AfterEach
    void freeRooms() {
        locks.list("room", 100).forEach((state) -> locks.forceRelease(state.key()));
    }

    @Test
    void shouldPlayTomAndJackRoomBookingStory() {
        assertThat(mvc.post().uri("/rooms/101/booking?user=Tom&minutes=15"))
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.occupant")
                .isEqualTo("Tom");
        assertProblem(mvc.post().uri("/rooms/101/booking?user=Jack").exchange(), 409, "Room taken")
                .bodyJson()
                .extractingPath("$.occupant")
                .isEqualTo("Tom");
        assertThat(mvc.put().uri("/rooms/101/booking?user=Tom&minutes=60")).hasStatus(200);
        assertProblem(
                        mvc.put().uri("/rooms/101/booking?user=Jack&minutes=60").exchange(),
                        409,
                        "Room booked by someone else")
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Room 101 is booked by Tom, not Jack.");
        assertThat(mvc.delete().uri("/rooms/101/booking?user=Tom")).hasStatus(200);
        assertThat(mvc.get().uri("/rooms/101"))
                .bodyJson()
                .extractingPath("$.taken")
                .isEqualTo(false);
        assertProblem(mvc.delete().uri("/rooms/101/booking").exchange(), 404, "Room not booked")
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Room 101 is not booked.");
    }

    @Test
    void shouldNameTheOccupantInTheConflict() {
        assertThat(mvc.post().uri("/rooms/201/booking?user=Tom")).hasStatus(201);

        MvcTestResult refused = mvc.post().uri("/rooms/201/booking?user=Jack").exchange();

        assertProblem(refused, 409, "Room taken")
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .startsWith("Room 201 is booked by Tom;");
    }

    @Test
    void shouldRenewForTheDefaultBookingWhenNoMinutesAreGiven() {
        assertThat(mvc.post().uri("/rooms/202/booking?user=Tom&minutes=1")).hasStatus(201);

        assertThat(mvc.put().uri("/rooms/202/booking?user=Tom")).hasStatus(200);

        Duration remaining =
                locks.inspect(LockKey.of("room", 202)).map(LockState::remaining).orElseThrow();
        assertThat(remaining)
                .isGreaterThan(RoomBookings.DEFAULT_BOOKING.minusMinutes(1))
                .isLessThanOrEqualTo(RoomBookings.DEFAULT_BOOKING);
    }

    @Test
    void shouldLetAClaimTakeTheRoomWhoeverHasIt() {
        assertThat(mvc.post().uri("/rooms/203/booking?user=Tom")).hasStatus(201);

        assertThat(mvc.post().uri("/rooms/203/booking/claim?user=Jack"))
                .hasStatus(200)
                .bodyJson()
                .extractingPath("$.occupant")
                .isEqualTo("Jack");

        assertProblem(mvc.delete().uri("/rooms/203/booking?user=Tom").exchange(), 409, "Room booked by someone else");
        assertThat(mvc.delete().uri("/rooms/203/booking?user=Jack")).hasStatus(200);
        assertProblem(mvc.put().uri("/rooms/203/booking?user=Jack").exchange(), 404, "Room not booked");
    }

    @Test
    void shouldRefuseBadInputWithA400ThatSaysWhy() {
        assertProblem(mvc.post().uri("/rooms/204/booking?user=Tom&minutes=0").exchange(), 400, "Bad booking time")
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo(
                        "minutes must be from 1 to 525600 (365 days), but was 0; leave it out for the default of 30.");
        assertProblem(
                mvc.put()
                        .uri("/rooms/204/booking?user=Tom&minutes=9999999999999")
                        .exchange(),
                400,
                "Bad booking time");
        assertProblem(mvc.post().uri("/rooms/204/booking?user=").exchange(), 400, "Bad request")
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("room:204");
        assertProblem(mvc.post().uri("/rooms/204/booking").exchange(), 400, "Bad Request")
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("'user'");
        assertProblem(mvc.get().uri("/rooms/lobby").exchange(), 400, "Bad Request")
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("lobby");
        assertThat(locks.inspect(LockKey.of("room", 204))).isEmpty();
    }

    /** Assert a problem detail with a status and a title, and go on asserting about it. */
    private static MvcTestResultAssert assertProblem(MvcTestResult result, int status, String title) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        return assertThat(result);
    }
}
