package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

class LocksEndpointWebExtensionTests {

    private final LockTemplate template = LockTemplate.of(new InMemoryLockStore());

    private final LocksEndpointWebExtension extension = new LocksEndpointWebExtension(new LocksEndpoint(template));

    @AfterEach
    void close() {
        template.close();
    }

    @Test
    void shouldAnswerAHeldLockWithOk() {
        template.acquire(LockRequest.of("room", 101)
                .owner("Tom")
                .lease(Duration.ofMinutes(1))
                .build());
        WebEndpointResponse<HeldDescriptor> response = extension.lock("room", new String[] {"101"});
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getBody())
                .isInstanceOfSatisfying(
                        LockDescriptor.class, (lock) -> assertThat(lock.owner()).isEqualTo("Tom"));
    }

    @Test
    void shouldAnswerAFreeLockWithNotFound() {
        assertThat(extension.lock("room", new String[] {"101"}).getStatus()).isEqualTo(404);
        assertThat(extension.release("room", new String[] {"101"}, null).getStatus())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerAForceReleaseWithNoContent() {
        template.acquire(LockRequest.of("room", 101).owner("Tom").build());
        assertThat(extension.release("room", new String[] {"101"}, null).getStatus())
                .isEqualTo(204);
        assertThat(extension.lock("room", new String[] {"101"}).getStatus()).isEqualTo(404);
    }
}
