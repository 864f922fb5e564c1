package dev.holdfast.sample.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BankTransferStoryTests {

    @LocalServerPort
    private int port;

    @Autowired
    private AccountRepository accounts;

    @Test
    void shouldKeepExactBalancesUnderConcurrentOppositeTransfers() throws Exception {
        RestClient client = RestClient.create("http://localhost:" + port);
        long before = total();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long from = (i % 2 == 0) ? 1 : 2;
                long to = 3 - from;
                futures.add(pool.submit(() -> client.post()
                        .uri("/bank/transfers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new BankController.TransferRequest(from, to, 7L))
                        .retrieve()
                        .toBodilessEntity()));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(total()).isEqualTo(before);
        assertThat(accounts.findById(1L).orElseThrow().getBalance())
                .isEqualTo(accounts.findById(2L).orElseThrow().getBalance());
    }

    @Test
    void shouldRefuseOverdraftWithConflictProblemDetail() {
        long before = total();

        Answer answer = transfer("{\"from\":1,\"to\":2,\"amount\":1000000}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"title\":\"Insufficient funds\"").contains("cannot send 1000000");
        assertThat(total()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"from":1,"to":3,"amount":50}  | Account 3 does not exist.
            {"from":9,"to":1,"amount":50}  | Account 9 does not exist.
            {"from":1,"to":1,"amount":50}  | Account 1 cannot send money to itself.
            {"from":1,"to":2,"amount":0}   | The amount must be positive, but was 0.
            {"from":1,"to":2,"amount":-5}  | The amount must be positive, but was -5.
            {"from":1,"to":2}              | A transfer names from, to and amount
            """)
    void shouldRefuseABadTransferWithA400ThatSaysWhy(String body, String detail) {
        long before = total();

        Answer answer = transfer(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"title\":\"Bad transfer\"").contains(detail);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void shouldRefuseUnreadableJsonWithA400ProblemDetail() {
        Answer answer = transfer("{\"from\":1,");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body())
                .contains("\"detail\":\"The request body is missing or unreadable: a transfer is JSON");
    }

    private Answer transfer(String json) {
        return RestClient.create("http://localhost:" + port)
                .post()
                .uri("/bank/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange((request, response) -> new Answer(
                        response.getStatusCode().value(),
                        response.getHeaders().getContentType(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private record Answer(int status, @Nullable MediaType contentType, String body) {}

    private long total() {
        return accounts.findAll().stream().mapToLong(Account::getBalance).sum();
    }
}
