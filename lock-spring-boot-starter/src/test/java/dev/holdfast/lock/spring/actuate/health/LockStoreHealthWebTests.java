package dev.holdfast.lock.spring.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.ActuatorWebApplication;
import dev.holdfast.lock.spring.test.SwitchableLockStore;
import java.net.http.HttpResponse;
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
class LockStoreHealthWebTests {

    @Autowired
    private SwitchableLockStore store;

    @Value("${local.server.port}")
    private int port;

    @Test
    void shouldReportTheStoreUpThenDownWhenItCannotBeReached() {
        ActuatorHttp http = new ActuatorHttp(port);
        HttpResponse<String> up = http.get("/health/holdfast");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"", "\"store\":\"memory\"");
        store.down(true);
        try {
            HttpResponse<String> down = http.get("/health/holdfast");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "LockStoreException", "[holdfast:health-probe]");
            assertThat(http.get("/health").statusCode()).isEqualTo(503);
        } finally {
            store.down(false);
        }
    }
}
