package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Over HTTP: semaphores listed with holders, one permit freed by {@code DELETE …?token=}, counters there at once. */
@SpringBootTest(
        classes = LocksEndpointSemaphoreWebTests.SemaphoreApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "holdfast.store=memory",
            "management.endpoints.web.exposure.include=locks,metrics",
            "management.endpoint.locks.access=unrestricted"
        })
class LocksEndpointSemaphoreWebTests {

    @Autowired
    private LockTemplate template;

    @Value("${local.server.port}")
    private int port;

    @Test
    void shouldListASemaphoreAndFreeOnePermitByItsToken() {
        ActuatorHttp http = new ActuatorHttp(port);
        LeasedSemaphore exports = template.semaphore("export", "web");
        exports.create(2);
        Lease tom = exports.acquire(PermitRequest.permits(1)
                .owner("Tom")
                .lease(Duration.ofMinutes(1))
                .build());
        Lease jack = exports.acquire(PermitRequest.permits(1)
                .owner("Jack")
                .lease(Duration.ofMinutes(1))
                .build());

        assertThat(http.get("/locks").body())
                .contains("\"semaphores\":[{\"key\":\"export:web\"", "\"size\":2", "\"used\":2")
                .contains("\"owner\":\"Tom\"", "\"token\":" + tom.token());
        assertThat(http.get("/locks/export/web").body()).contains("\"kind\":\"semaphore\"", "\"owner\":\"Jack\"");

        assertThat(http.delete("/locks/export/web?token=" + tom.token()).statusCode())
                .isEqualTo(204);
        assertThat(tom.isHeld()).isFalse();
        assertThat(jack.isHeld()).isTrue();
        assertThat(http.delete("/locks/export/web?token=" + tom.token()).statusCode())
                .isEqualTo(404);
        jack.close();
    }

    @Test
    void shouldAnswerForTheEventCountersBeforeTheirFirstEvent() {
        ActuatorHttp http = new ActuatorHttp(port);
        for (String counter : new String[] {"lost", "preempted", "renewal.failures"}) {
            HttpResponse<String> response = http.get("/metrics/holdfast.lock." + counter);
            assertThat(response.statusCode()).as(counter).isEqualTo(200);
            assertThat(response.body()).contains("\"lock.name\"", "\"lock.store\"", "\"lock.kind\"");
        }
    }

    /** The starter's own wiring over the in-memory store, which has semaphores. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SemaphoreApplication {}
}
