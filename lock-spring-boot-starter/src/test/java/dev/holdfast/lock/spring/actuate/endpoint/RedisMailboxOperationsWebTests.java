package dev.holdfast.lock.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.mailbox.RetryAttemptsExceededException;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spring.test.ActuatorHttp;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mailbox operations end to end on the real Redis store: a poison frame is dead-lettered, the health contributor
 * warns, the meters count and gauge it, the endpoint lists it and requeues it, and it then runs.
 */
@SpringBootTest(
        classes = RedisMailboxOperationsWebTests.RedisMailboxApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.generate-unique-name=true",
            "management.endpoints.web.exposure.include=health,metrics,mailboxes",
            "management.endpoint.health.show-details=always",
            "management.endpoint.mailboxes.access=unrestricted"
        })
class RedisMailboxOperationsWebTests {

    private static final String PREFIX =
            "holdfast-mbops-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private Mailboxes mailboxes;

    @Autowired
    private OrderEvents events;

    @Autowired
    private LockStore store;

    @Autowired
    private StringRedisTemplate redisTemplate;

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisService redis = TestServices.redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("holdfast.redis.key-prefix", () -> PREFIX);
    }

    @AfterEach
    void deleteKeys() {
        redisTemplate.delete(redisTemplate.keys(PREFIX + ":*"));
    }

    @Test
    void shouldWarnCountListAndRequeueADeadLetter() {
        ActuatorHttp http = new ActuatorHttp(port);
        assertThat(store).isInstanceOf(RedisLockStore.class);
        assertThat(JsonPath.<String>read(http.get("/health/mailboxes").body(), "$.status"))
                .isEqualTo("UP");
        assertThatExceptionOfType(RetryAttemptsExceededException.class)
                .isThrownBy(() -> mailboxes.call(OrderEvents.TYPE, "r-1", "poison refund"));

        HttpResponse<String> health = http.get("/health/mailboxes");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("WARN");
        assertThat(JsonPath.<Integer>read(health.body(), "$.details.overThreshold.orders"))
                .isEqualTo(1);
        assertThat(metric("holdfast.mailbox.dead.letters", "mailbox.type:orders"))
                .isEqualTo(1.0);
        assertThat(metric("holdfast.mailbox.executed", "outcome:dead_lettered")).isEqualTo(1.0);
        assertThat(metric("holdfast.mailbox.executed", "outcome:failed_will_retry"))
                .isEqualTo(1.0);
        HttpResponse<String> listed = http.get("/mailboxes?type=orders");
        assertThat(JsonPath.<Integer>read(listed.body(), "$.types.orders.deadLetters"))
                .isEqualTo(1);
        String callId = JsonPath.read(listed.body(), "$.types.orders.mailboxes[0].deadLetters[0].callId");
        assertThat(JsonPath.<String>read(listed.body(), "$.types.orders.mailboxes[0].id"))
                .isEqualTo("r-1");

        events.heal("poison refund");
        assertThat(http.post("/mailboxes/orders/r-1", "{\"callId\":\"" + callId + "\"}")
                        .statusCode())
                .isEqualTo(204);

        await("the requeued frame applied")
                .atMost(Duration.ofSeconds(10))
                .until(() -> events.applied().contains("r-1:poison refund"));
        assertThat(JsonPath.<String>read(http.get("/health/mailboxes").body(), "$.status"))
                .isEqualTo("UP");
        await("the dead letters gauge at 0")
                .atMost(Duration.ofSeconds(10))
                .until(() -> metric("holdfast.mailbox.dead.letters", "mailbox.type:orders") == 0.0);
        assertThat(metric("holdfast.mailbox.executed", "outcome:succeeded")).isEqualTo(1.0);
        assertThat(http.get("/mailboxes/orders/r-1").statusCode()).isEqualTo(404);
    }

    private double metric(String name, String tag) {
        HttpResponse<String> response = new ActuatorHttp(port).get("/metrics/" + name + "?tag=" + tag);
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        return JsonPath.<Double>read(response.body(), "$.measurements[0].value");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RedisMailboxApplication {

        @Bean
        OrderEvents orderEvents() {
            return new OrderEvents();
        }

        @Bean(destroyMethod = "close")
        Mailboxes mailboxes(
                LockTemplate lockTemplate,
                LockStore lockStore,
                OrderEvents orderEvents,
                ObjectProvider<MailboxListener> listeners) {
            return MailboxApplication.build(lockTemplate, (MailboxStore) lockStore, orderEvents, listeners);
        }
    }
}
