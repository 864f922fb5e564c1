package dev.holdfast.sample.rooms;

import dev.holdfast.lock.LockRequest;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Room bookings over HTTP, the handle story: book ({@code POST /rooms/101/booking?user=Tom&minutes=15}), renew
 * ({@code PUT}, by {@link RoomBookings#DEFAULT_BOOKING} without {@code minutes}), leave ({@code DELETE} with
 * {@code user}), evict ({@code DELETE} without), and claim whoever has it ({@code POST /rooms/101/booking/claim}).
 * Refusals are problem details: 409 naming the occupant, 404 for a room nobody has, 400 for a time out of range.
 */
@RestController
@RequestMapping("/rooms/{room}")
class RoomController {

    /** Longest booking, in minutes: a lock's longest lease. */
    static final long MAX_MINUTES = LockRequest.MAX_LEASE.toMinutes();

    private final RoomBookings bookings;

    RoomController(RoomBookings bookings) {
        this.bookings = bookings;
    }

    @GetMapping
    RoomView show(@PathVariable int room) {
        return view(room);
    }

    @PostMapping("/booking")
    @ResponseStatus(HttpStatus.CREATED)
    RoomView book(
            @PathVariable int room, @RequestParam String user, @RequestParam(required = false) @Nullable Long minutes) {
        if (!bookings.book(room, user, time(minutes))) {
            throw RoomProblems.taken(room, bookings.occupant(room));
        }
        return view(room);
    }

    @PutMapping("/booking")
    RoomView renew(
            @PathVariable int room, @RequestParam String user, @RequestParam(required = false) @Nullable Long minutes) {
        if (!bookings.extend(room, user, time(minutes))) {
            throw RoomProblems.notYours(room, user, bookings.occupant(room));
        }
        return view(room);
    }

    @PostMapping("/booking/claim")
    RoomView claim(
            @PathVariable int room, @RequestParam String user, @RequestParam(required = false) @Nullable Long minutes) {
        bookings.claim(room, user, time(minutes));
        return view(room);
    }

    @DeleteMapping("/booking")
    RoomView leave(@PathVariable int room, @RequestParam(required = false) @Nullable String user) {
        if (user == null) {
            if (!bookings.evict(room)) {
                throw RoomProblems.notBooked(room);
            }
        } else if (!bookings.leave(room, user)) {
            throw RoomProblems.notYours(room, user, bookings.occupant(room));
        }
        return view(room);
    }

    private RoomView view(int room) {
        return RoomView.of(room, bookings.occupant(room));
    }

    private static Optional<Duration> time(@Nullable Long minutes) {
        if (minutes != null && (minutes < 1 || minutes > MAX_MINUTES)) {
            throw RoomProblems.badMinutes(minutes, MAX_MINUTES);
        }
        return Optional.ofNullable(minutes).map(Duration::ofMinutes);
    }

    record RoomView(int room, boolean taken, @Nullable String occupant) {

        static RoomView of(int room, Optional<String> occupant) {
            return new RoomView(room, occupant.isPresent(), occupant.orElse(null));
        }
    }
}
