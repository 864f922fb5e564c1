package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The {@code mailboxes} endpoint over HTTP with its default access: reads work, requeue and discard are refused. */
@SpringBootTest(
        classes = MailboxApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=mailboxes")
class MailboxesEndpointWebTests {

    @Autowired
    private Mailboxes mailboxes;

    @Autowired
    private LockTemplate template;

    @Value("${local.server.port}")
    private int port;

    private ActuatorHttp http;

    @BeforeEach
    void client() {
        http = new ActuatorHttp(port);
    }

    @AfterEach
    void discardDeadLetters() {
        for (String id : mailboxes.inspector().mailboxes(OrderEvents.TYPE, 1000)) {
            mailboxes
                    .deadLetters(OrderEvents.TYPE, id)
                    .forEach((letter) -> mailboxes.discard(
                            OrderEvents.TYPE, id, letter.frame().callId()));
        }
    }

    @Test
    void shouldListTypesWithDepthRunningFrameAndDeadLetters() throws Exception {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "list-1", "poison pill"));
        CompletableFuture<String> waiting;
        try (Lease held = hold("list-2")) {
            waiting = mailboxes.callAsync(OrderEvents.TYPE, "list-2", "paid");

            HttpResponse<String> response = http.get("/mailboxes");

            assertThat(response.statusCode()).isEqualTo(200);
            DocumentContext json = JsonPath.parse(response.body());
            assertThat(json.read("$.limit", Integer.class)).isEqualTo(100);
            assertThat(json.read("$.types.orders.depth", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.types.orders.deadLetters", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.types.orders.oldestEnqueuedAt", String.class))
                    .isNotNull();
            assertThat(json.read("$.types.orders.mailboxes[*].id", List.class)).containsExactly("list-1", "list-2");
            assertThat(json.read("$.types.orders.mailboxes[0].deadLetters[0].reason", String.class))
                    .contains("IllegalStateException")
                    .contains("cannot apply poison pill");
            assertThat(json.read("$.types.orders.mailboxes[0].deadLetters[0].attempts", Integer.class))
                    .isEqualTo(2);
            assertThat(json.read("$.types.orders.mailboxes[1].depth", Integer.class))
                    .isEqualTo(1);
            assertThat(json.read("$.types.orders.mailboxes[1].running.holder", String.class))
                    .isEqualTo("operator");
            assertThat(json.read("$.types.orders.mailboxes[1].running.token", Long.class))
                    .isEqualTo(held.token());
        }
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("applied paid");
    }

    @Test
    void shouldShowOneMailboxAndAnswer404ForAnEmptyOne() {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "eu/42", "poison"));

        HttpResponse<String> mailbox = http.get("/mailboxes/orders/eu/42");

        assertThat(mailbox.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(mailbox.body());
        assertThat(json.read("$.type", String.class)).isEqualTo("orders");
        assertThat(json.read("$.id", String.class)).isEqualTo("eu/42");
        assertThat(json.read("$.depth", Integer.class)).isZero();
        assertThat(json.read("$.running", Object.class)).isNull();
        assertThat(json.read("$.deadLetters[0].callId", String.class))
                .isEqualTo(mailboxes
                        .deadLetters(OrderEvents.TYPE, "eu/42")
                        .get(0)
                        .frame()
                        .callId());
        assertThat(http.get("/mailboxes/orders/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400ForAnUnregisteredTypeOrABadLimit() {
        HttpResponse<String> unknown = http.get("/mailboxes/invoices/1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(http.get("/mailboxes?type=invoices").statusCode()).isEqualTo(400);
        assertThat(http.get("/mailboxes?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseRequeueAndDiscardByDefault() {
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "refused", "poison"));
        String callId = mailboxes
                .deadLetters(OrderEvents.TYPE, "refused")
                .get(0)
                .frame()
                .callId();

        assertThat(http.post("/mailboxes/orders/refused", "{\"callId\":\"" + callId + "\"}")
                        .statusCode())
                .isEqualTo(405);
        assertThat(http.delete("/mailboxes/orders/refused?callId=" + callId).statusCode())
                .isEqualTo(405);
        assertThat(mailboxes.deadLetters(OrderEvents.TYPE, "refused")).hasSize(1);
    }

    private Lease hold(String id) {
        return template.acquire(LockRequest.of(MailboxStore.lockKey(new LockKey(OrderEvents.TYPE, id)))
                .owner("operator")
                .lease(Duration.ofMinutes(1))
                .autoRenew(false)
                .build());
    }
}
