package dev.holdfast.sample.rooms;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Room bookings over HTTP: {@code POST /rooms/101/booking?user=Tom&minutes=15} and friends. */
@RestController
@RequestMapping("/rooms/{room}")
class RoomController {

    private final RoomBookings bookings;

    RoomController(RoomBookings bookings) {
        this.bookings = bookings;
    }

    @GetMapping
    RoomView show(@PathVariable int room) {
        return RoomView.of(room, bookings.occupant(room));
    }

    @PostMapping("/booking")
    ResponseEntity<RoomView> book(
            @PathVariable int room, @RequestParam String user, @RequestParam(required = false) @Nullable Long minutes) {
        boolean booked = bookings.book(room, user, Optional.ofNullable(minutes).map(Duration::ofMinutes));
        return ResponseEntity.status(booked ? HttpStatus.CREATED : HttpStatus.CONFLICT)
                .body(RoomView.of(room, bookings.occupant(room)));
    }

    @PutMapping("/booking")
    ResponseEntity<RoomView> extend(@PathVariable int room, @RequestParam String user, @RequestParam long minutes) {
        boolean extended = bookings.extend(room, user, Duration.ofMinutes(minutes));
        return ResponseEntity.status(extended ? HttpStatus.OK : HttpStatus.CONFLICT)
                .body(RoomView.of(room, bookings.occupant(room)));
    }

    @DeleteMapping("/booking")
    ResponseEntity<RoomView> leave(@PathVariable int room, @RequestParam(required = false) @Nullable String user) {
        boolean left = (user != null) ? bookings.leave(room, user) : bookings.evict(room);
        return ResponseEntity.status(left ? HttpStatus.OK : HttpStatus.CONFLICT)
                .body(RoomView.of(room, bookings.occupant(room)));
    }

    record RoomView(int room, boolean taken, @Nullable String occupant) {

        static RoomView of(int room, Optional<String> occupant) {
            return new RoomView(room, occupant.isPresent(), occupant.orElse(null));
        }
    }
}
