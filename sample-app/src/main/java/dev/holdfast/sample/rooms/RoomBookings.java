package dev.holdfast.sample.rooms;

import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Books rooms through owner-addressed handles in the {@code room} namespace: a booking, a renewal and a claim last
 * {@link #DEFAULT_BOOKING} unless told otherwise.
 */
@Service
public class RoomBookings {

    /** How long a booking, a renewal or a claim lasts when the request names no time: 30 minutes. */
    public static final Duration DEFAULT_BOOKING = Duration.ofMinutes(30);

    private final LockHandles rooms;

    public RoomBookings(LockTemplate lockTemplate) {
        this.rooms = lockTemplate.handles("room", DEFAULT_BOOKING);
    }

    public boolean book(int room, String user, Optional<Duration> ttl) {
        return ttl.map((duration) -> rooms.create(room, user, duration)).orElseGet(() -> rooms.create(room, user));
    }

    public boolean extend(int room, String user, Optional<Duration> ttl) {
        return ttl.map((duration) -> rooms.renew(room, user, duration)).orElseGet(() -> rooms.renew(room, user));
    }

    public void claim(int room, String user, Optional<Duration> ttl) {
        ttl.ifPresentOrElse((duration) -> rooms.claim(room, user, duration), () -> rooms.claim(room, user));
    }

    public boolean leave(int room, String user) {
        return rooms.expire(room, user);
    }

    public boolean evict(int room) {
        return rooms.expire(room);
    }

    public Optional<String> occupant(int room) {
        return rooms.value(room);
    }
}
