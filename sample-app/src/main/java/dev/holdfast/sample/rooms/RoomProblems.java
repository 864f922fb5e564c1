package dev.holdfast.sample.rooms;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details (RFC 9457) that room requests are refused with: who has the room, or that nobody does. */
final class RoomProblems {

    private RoomProblems() {}

    /** A booking refused: 409 naming the occupant, who may also have left a moment ago. */
    static ErrorResponseException taken(int room, Optional<String> occupant) {
        String detail = occupant.map((name) -> "Room " + room + " is booked by " + name
                        + "; wait until they leave, or claim it with POST /rooms/" + room + "/booking/claim.")
                .orElse("Room " + room + " was booked by someone else a moment ago and is free now; book it again.");
        return conflict(room, "Room taken", detail, occupant);
    }

    /** A renewal or a leave by someone who does not have the room: 409 naming the occupant, or 404 when it is free. */
    static ErrorResponseException notYours(int room, String user, Optional<String> occupant) {
        if (occupant.isEmpty()) {
            return notBooked(room);
        }
        return conflict(
                room,
                "Room booked by someone else",
                "Room " + room + " is booked by " + occupant.get() + ", not " + user + ".",
                occupant);
    }

    /** Nobody has the room: 404. */
    static ErrorResponseException notBooked(int room) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Room " + room + " is not booked.");
        problem.setTitle("Room not booked");
        problem.setProperty("room", room);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** A time out of range: 400. */
    static ErrorResponseException badMinutes(long minutes, long most) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "minutes must be from 1 to " + most + " (365 days), but was " + minutes + "; leave it out for the "
                        + "default of " + RoomBookings.DEFAULT_BOOKING.toMinutes() + ".");
        problem.setTitle("Bad booking time");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ErrorResponseException conflict(int room, String title, String detail, Optional<String> occupant) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        problem.setProperty("room", room);
        problem.setProperty("occupant", occupant.orElse(null));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
