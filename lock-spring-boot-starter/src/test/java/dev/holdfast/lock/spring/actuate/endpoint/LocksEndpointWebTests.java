package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.ActuatorWebApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(
        classes = ActuatorWebApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,locks",
            "management.endpoint.health.show-details=always"
        })
class LocksEndpointWebTests {

    @Autowired
    private LockTemplate template;

    @Value("${local.server.port}")
    private int port;

    private ActuatorHttp http;

    private Lease tom;

    @BeforeEach
    void hold() {
        http = new ActuatorHttp(port);
        tom = template.acquire(LockRequest.of("room", 101)
                .owner("Tom")
                .priority(3)
                .lease(Duration.ofMinutes(1))
                .build());
        template.acquire(LockRequest.of("file", "reports/2025/q1 final.pdf")
                .owner("Jack")
                .lease(Duration.ofMinutes(1))
                .build());
    }

    @AfterEach
    void release() {
        template.list(null, 100).forEach((state) -> template.forceRelease(state.key()));
    }

    @Test
    void shouldListHeldLocksAsJson() {
        HttpResponse<String> response = http.get("/locks");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"key\":\"room:101\"", "\"owner\":\"Tom\"", "\"priority\":3")
                .contains("\"token\":" + tom.token())
                .contains("\"key\":\"file:reports/2025/q1 final.pdf\"")
                .contains("\"truncated\":false", "\"limit\":100");
    }

    @Test
    void shouldFilterAndBoundTheList() {
        assertThat(http.get("/locks?namespace=room").body())
                .contains("room:101")
                .doesNotContain("file:");
        assertThat(http.get("/locks?limit=1").body()).contains("\"truncated\":true", "\"limit\":1");
        assertThat(http.get("/locks?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowOneLockEvenWithSlashesAndSpacesInItsId() {
        HttpResponse<String> room = http.get("/locks/room/101");
        assertThat(room.statusCode()).isEqualTo(200);
        assertThat(room.body()).contains("\"owner\":\"Tom\"", "\"remaining\":\"PT", "\"expiresAt\":\"20");
        HttpResponse<String> file = http.get("/locks/file/reports/2025/q1%20final.pdf");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("\"owner\":\"Jack\"");
    }

    @Test
    void shouldAnswerNotFoundForAFreeLock() {
        assertThat(http.get("/locks/room/102").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerBadRequestForAnInvalidKey() {
        assertThat(http.get("/locks/room%20one/101").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseForceReleaseByDefault() {
        HttpResponse<String> response = http.delete("/locks/room/101");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(template.inspect(tom.key())).isPresent();
        assertThat(tom.isHeld()).isTrue();
    }

    @Test
    void shouldRefuseForceReleaseOfOnePermitByDefault() {
        assertThat(http.delete("/locks/export/pdf?token=1").statusCode()).isEqualTo(405);
    }
}
