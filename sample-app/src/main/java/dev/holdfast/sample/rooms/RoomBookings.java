package dev.holdfast.sample.rooms;

import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Books rooms through owner-addressed handles in the {@code room} namespace, 30 minutes unless told otherwise. */
@Service
public class RoomBookings {

    private final LockHandles rooms;

    public RoomBookings(LockTemplate lockTemplate) {
        this.rooms = lockTemplate.handles("room", Duration.ofMinutes(30));
    }

    public boolean book(int room, String user, Optional<Duration> ttl) {
        return ttl.map((duration) -> rooms.create(room, user, duration)).orElseGet(() -> rooms.create(room, user));
    }

    public boolean extend(int room, String user, Duration ttl) {
        return rooms.renew(room, user, ttl);
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
