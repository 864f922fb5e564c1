package dev.holdfast.sample.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
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
                        .body(new BankController.TransferRequest(from, to, 7))
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
    void shouldRefuseOverdraftWithConflict() {
        RestClient client = RestClient.create("http://localhost:" + port);
        long before = total();
        HttpStatus status = null;
        try {
            client.post()
                    .uri("/bank/transfers")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new BankController.TransferRequest(1, 2, 1_000_000))
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpClientErrorException ex) {
            status = HttpStatus.valueOf(ex.getStatusCode().value());
        }
        assertThat(status).isEqualTo(HttpStatus.CONFLICT);
        assertThat(total()).isEqualTo(before);
    }

    private long total() {
        return accounts.findAll().stream().mapToLong(Account::getBalance).sum();
    }
}
