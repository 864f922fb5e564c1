package dev.holdfast.sample.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest
@AutoConfigureMockMvc
class OrderEventsStoryTests {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @Autowired
    private MockMvcTester mvc;

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void shouldApplyConcurrentEventsOneAtATimeInEachSendersOrder() throws Exception {
        String order = "o-" + UUID.randomUUID().toString().substring(0, 8);
        int senders = 4;
        int events = 6;
        List<Future<List<Integer>>> sent = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            String sender = "s" + s;
            sent.add(this.threads.submit(() -> {
                List<Integer> numbers = new ArrayList<>();
                for (int n = 0; n < events; n++) {
                    MvcTestResult applied = post(order, "{\"type\":\"" + sender + "-" + n + "\"}");
                    assertThat(applied).hasStatus(200);
                    String body = applied.getResponse().getContentAsString();
                    // Each sender gets its own event back, numbered in the order's history
                    assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo(sender + "-" + n);
                    numbers.add(JsonPath.read(body, "$.seq"));
                }
                return numbers;
            }));
        }
        List<Integer> numbers = new ArrayList<>();
        for (Future<List<Integer>> future : sent) {
            List<Integer> ofSender = future.get(120, TimeUnit.SECONDS);
            assertThat(ofSender).as("numbers a sender got, in its order").isSorted();
            numbers.addAll(ofSender);
        }
        // Every number once: no two events of the order were numbered at the same time
        assertThat(numbers)
                .hasSize(senders * events)
                .doesNotHaveDuplicates()
                .allMatch((seq) -> seq >= 1 && seq <= senders * events);
        MvcTestResult history = this.mvc.get().uri("/orders/" + order).exchange();
        List<String> types = JsonPath.read(history.getResponse().getContentAsString(), "$[*].type");
        List<Integer> seqs = JsonPath.read(history.getResponse().getContentAsString(), "$[*].seq");
        assertThat(seqs).hasSize(senders * events).isSorted().doesNotHaveDuplicates();
        for (int s = 0; s < senders; s++) {
            String prefix = "s" + s + "-";
            assertThat(types.stream().filter((type) -> type.startsWith(prefix)).toList())
                    .as("events of sender s%d in the order's history", s)
                    .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5);
        }
    }

    @Test
    void shouldDeadLetterAPoisonEventAndApplyItWhenTheOperatorRequeuesItThroughTheEndpoint() throws Exception {
        String order = "o-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(order, "{\"type\":\"created\"}")).hasStatus(200);
        // A refund that arrives before the payment it refunds fails its three attempts and is dead-lettered
        MvcTestResult poison = post(order, "{\"type\":\"refunded\"}");
        assertThat(poison).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String cause = "Event 'refunded' of order " + order + " cannot be applied before the order is paid (attempt 3)";
        assertThat(poison)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .startsWith(cause)
                .contains("dead letters");
        assertThat(post(order, "{\"type\":\"shipped\"}"))
                .hasStatus(200)
                .bodyJson()
                .extractingPath("$.seq")
                .isEqualTo(2);

        // The operator finds the dead letter and its cause on the endpoint; the health warns meanwhile
        MvcTestResult mailbox =
                this.mvc.get().uri("/actuator/mailboxes/orders/" + order).exchange();
        assertThat(mailbox).hasStatus(200);
        String listed = mailbox.getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(listed, "$.deadLetters[*].reason"))
                .containsExactly(PoisonEventException.class.getName() + ": " + cause);
        assertThat(JsonPath.<Integer>read(listed, "$.deadLetters[0].attempts")).isEqualTo(3);
        String callId = JsonPath.read(listed, "$.deadLetters[0].callId");
        assertThat(health()).isEqualTo("WARN");

        // The payment arrives late; the operator requeues the refund, which now applies after it
        assertThat(post(order, "{\"type\":\"paid\"}")).hasStatus(200);
        assertThat(this.mvc
                        .post()
                        .uri("/actuator/mailboxes/orders/" + order)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"callId\":\"" + callId + "\"}")
                        .exchange())
                .hasStatus(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(order).size() == 4);
        assertThat(types(order)).containsExactly("created", "shipped", "paid", "refunded");
        assertThat(this.mvc.get().uri("/actuator/mailboxes/orders/" + order).exchange())
                .hasStatus(404);
        assertThat(health()).isEqualTo("UP");
        // Requeued again, the refund is no longer a dead letter
        assertThat(this.mvc
                        .post()
                        .uri("/actuator/mailboxes/orders/" + order)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"callId\":\"" + callId + "\"}")
                        .exchange())
                .hasStatus(404);
    }

    private List<String> types(String order) throws Exception {
        return JsonPath.read(
                this.mvc.get().uri("/orders/" + order).exchange().getResponse().getContentAsString(), "$[*].type");
    }

    private String health() throws Exception {
        MvcTestResult health = this.mvc.get().uri("/actuator/health/mailboxes").exchange();
        assertThat(health).hasStatus(200);
        return JsonPath.read(health.getResponse().getContentAsString(), "$.status");
    }

    private MvcTestResult post(String order, String json) {
        return this.mvc
                .post()
                .uri("/orders/" + order + "/events")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }
}
