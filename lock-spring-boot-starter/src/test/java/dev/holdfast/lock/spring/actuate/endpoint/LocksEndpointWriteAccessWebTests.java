package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.ActuatorWebApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(
        classes = ActuatorWebApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=locks", "management.endpoint.locks.access=unrestricted"
        })
class LocksEndpointWriteAccessWebTests {

    @Autowired
    private LockTemplate template;

    @Value("${local.server.port}")
    private int port;

    @Test
    void shouldForceReleaseAHeldLockWhenAccessIsUnrestricted() {
        ActuatorHttp http = new ActuatorHttp(port);
        Lease lease = template.acquire(LockRequest.of("file", "reports/q1.pdf")
                .owner("Tom")
                .lease(Duration.ofMinutes(1))
                .build());
        assertThat(http.delete("/locks/file/reports/q1.pdf").statusCode()).isEqualTo(204);
        assertThat(template.inspect(lease.key())).isEmpty();
        assertThat(lease.isHeld()).isFalse();
        assertThat(http.delete("/locks/file/reports/q1.pdf").statusCode()).isEqualTo(404);
        assertThat(http.get("/locks/file/reports/q1.pdf").statusCode()).isEqualTo(404);
    }
}
