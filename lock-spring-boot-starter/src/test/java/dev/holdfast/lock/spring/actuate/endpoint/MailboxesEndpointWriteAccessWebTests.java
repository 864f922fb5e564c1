package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** Requeue and discard of dead letters over HTTP once the endpoint's access is unrestricted. */
@SpringBootTest(
        classes = MailboxApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=mailboxes",
            "management.endpoint.mailboxes.access=unrestricted"
        })
@DirtiesContext
class MailboxesEndpointWriteAccessWebTests {

    @Autowired
    private Mailboxes mailboxes;

    @Autowired
    private OrderEvents events;

    @Value("${local.server.port}")
    private int port;

    private ActuatorHttp http;

    @BeforeEach
    void client() {
        http = new ActuatorHttp(port);
    }

    @Test
    void shouldRequeueADeadLetterThatThenRunsInItsMailbox() {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "order-7", "poison refund"));
        String callId = mailboxes
                .deadLetters(OrderEvents.TYPE, "order-7")
                .get(0)
                .frame()
                .callId();
        assertThat(events.applied()).doesNotContain("order-7:poison refund");
        events.heal("poison refund");

        assertThat(http.post("/mailboxes/orders/order-7", "{\"callId\":\"" + callId + "\"}")
                        .statusCode())
                .isEqualTo(204);

        await("the requeued frame applied")
                .atMost(Duration.ofSeconds(10))
                .until(() -> events.applied().contains("order-7:poison refund"));
        assertThat(mailboxes.deadLetters(OrderEvents.TYPE, "order-7")).isEmpty();
        assertThat(mailboxes.depth(OrderEvents.TYPE, "order-7")).isZero();
        assertThat(http.post("/mailboxes/orders/order-7", "{\"callId\":\"" + callId + "\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldDiscardADeadLetterForGood() {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "order-8", "poison"));
        String callId = mailboxes
                .deadLetters(OrderEvents.TYPE, "order-8")
                .get(0)
                .frame()
                .callId();

        assertThat(http.delete("/mailboxes/orders/order-8?callId=" + callId).statusCode())
                .isEqualTo(204);

        assertThat(mailboxes.deadLetters(OrderEvents.TYPE, "order-8")).isEmpty();
        assertThat(http.delete("/mailboxes/orders/order-8?callId=" + callId).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/mailboxes/orders/order-8").statusCode()).isEqualTo(404);
    }
}
