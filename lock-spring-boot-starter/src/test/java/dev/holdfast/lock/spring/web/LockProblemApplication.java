package dev.holdfast.lock.spring.web;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockOperations;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application (Spring MVC or WebFlux, by {@code spring.main.web-application-type}) whose handlers meet lock
 * exceptions. Its memory store's clock stands still, so a holder's remaining lease is exactly the lease it was given.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(LockProblemApplication.RoomsController.class)
public class LockProblemApplication {

    @Bean
    InMemoryLockStore lockStore() {
        return new InMemoryLockStore(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /** Tom takes a room for a given time, through a handle, as another request would have. */
    static void holdForTom(LockOperations locks, int room, Duration lease) {
        rooms(locks).create(room, "Tom", lease);
    }

    /** Free every room. */
    static void freeRooms(LockOperations locks) {
        locks.list("room", 100).forEach((state) -> locks.forceRelease(state.key()));
    }

    private static LockHandles rooms(LockOperations locks) {
        return locks.handles("room", Duration.ofMinutes(1));
    }

    @RestController
    static class RoomsController {

        private final LockOperations locks;

        RoomsController(LockOperations locks) {
            this.locks = locks;
        }

        /** Book a room under its lock: LockNotAcquiredException while someone else holds it. */
        @PostMapping("/rooms/{room}/booking")
        String book(@PathVariable int room, @RequestParam String user) {
            try (Lease lease =
                    this.locks.acquire(LockRequest.of("room", room).owner(user).build())) {
                return "Room " + room + " booked by " + user + " with token " + lease.token();
            }
        }

        /** Book a room and have an intruder claim it meanwhile: LockLostException when the lease is closed. */
        @PostMapping("/rooms/{room}/lost-booking")
        String lose(@PathVariable int room, @RequestParam String user) {
            try (Lease lease =
                    this.locks.acquire(LockRequest.of("room", room).owner(user).build())) {
                this.locks.claim(LockRequest.of("room", room).owner("Intruder").build());
                return "Room " + room + " booked by " + user + " with token " + lease.token();
            }
        }
    }
}
