package dev.holdfast.sample.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.DeadLetter;
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

    @Autowired
    private Mailboxes mailboxes;

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
    void shouldDeadLetterAPoisonEventWithItsCauseAndKeepApplyingTheOthers() throws Exception {
        String order = "o-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(order, "{\"type\":\"created\"}")).hasStatus(200);
        MvcTestResult poison = post(order, "{\"type\":\"poison\"}");
        assertThat(poison).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(poison)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .startsWith("Event 'poison' of order " + order + " cannot be applied (attempt 3)")
                .contains("dead letters");
        assertThat(post(order, "{\"type\":\"shipped\"}"))
                .hasStatus(200)
                .bodyJson()
                .extractingPath("$.seq")
                .isEqualTo(2);

        List<DeadLetter> dead = this.mailboxes.deadLetters("orders", order);
        assertThat(dead).singleElement().satisfies((letter) -> {
            assertThat(letter.reason())
                    .isEqualTo(PoisonEventException.class.getName() + ": Event 'poison' of order " + order
                            + " cannot be applied (attempt 3)");
            assertThat(letter.frame().attempts()).isEqualTo(3);
            assertThat(letter.frame().payload()).contains("\"type\":\"poison\"");
        });
        // Requeued, it runs again behind the order's events, fails its attempts again and is dead-lettered again
        assertThat(this.mailboxes.requeue("orders", order, dead.get(0).frame().callId()))
                .isTrue();
        assertThat(this.mailboxes.drain("orders", order)).isEqualTo(1);
        assertThat(this.mailboxes.deadLetters("orders", order)).hasSize(1);
        assertThat(JsonPath.<List<String>>read(
                        this.mvc
                                .get()
                                .uri("/orders/" + order)
                                .exchange()
                                .getResponse()
                                .getContentAsString(),
                        "$[*].type"))
                .containsExactly("created", "shipped");
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
