package dev.holdfast.sample.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.SemaphoreState;
import dev.holdfast.lock.spi.LockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
class ExportsStoryTests {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private Exports exports;

    @Autowired
    private LockStore store;

    @AfterEach
    void cancelExports() {
        this.exports.running().forEach((export) -> this.exports.cancel(export.id()));
    }

    @Test
    void shouldRunThreeExportsAtOnceAndRefuseTheFourthUntilOneIsCancelled() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String report : List.of("sales", "stock", "staff")) {
            MvcTestResult started = this.mvc
                    .post()
                    .uri("/exports?report=" + report + "&seconds=600")
                    .exchange();
            assertThat(started).hasStatus(202);
            assertThat(started).bodyJson().extractingPath("$.status").isEqualTo("RUNNING");
            ids.add(((Number) JsonPath.read(started.getResponse().getContentAsString(), "$.id")).longValue());
        }
        assertThat(this.exports.permits()).get().satisfies((state) -> {
            assertThat(state.size()).isEqualTo(Exports.AT_ONCE);
            assertThat(state.used()).isEqualTo(3);
        });

        MvcTestResult refused =
                this.mvc.post().uri("/exports?report=taxes&seconds=600").exchange();
        assertThat(refused).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.lock").isEqualTo("exports:exports");
        assertThat(refused).bodyJson().extractingPath("$.type").isEqualTo("urn:holdfast:problem:lock-not-acquired");
        assertThat(refused.getResponse().getHeader("Retry-After")).isNotNull();
        assertThat(this.exports.running()).hasSize(3);

        assertThat(this.mvc.get().uri("/exports"))
                .bodyJson()
                .extractingPath("$.used")
                .isEqualTo(3);
        assertThat(this.mvc.delete().uri("/exports/" + ids.get(1)))
                .hasStatus(200)
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("CANCELLED");
        assertThat(this.exports.permits())
                .get()
                .extracting(SemaphoreState::used)
                .isEqualTo(2);
        assertThat(this.mvc.post().uri("/exports?report=taxes&seconds=600")).hasStatus(202);
        assertThat(this.mvc.delete().uri("/exports/" + ids.get(1))).hasStatus(404);
    }

    @Test
    void shouldGiveThePermitBackWhenAnExportFinishes() {
        assertThat(this.mvc.post().uri("/exports?report=sales&seconds=1")).hasStatus(202);
        assertThat(this.exports.permits())
                .get()
                .extracting(SemaphoreState::used)
                .isEqualTo(1);
        await("the export to finish")
                .atMost(Duration.ofSeconds(20))
                .until(() -> this.exports.running().isEmpty()
                        && this.exports.permits().orElseThrow().used() == 0);
    }

    @Test
    void shouldCountThePermitsOfEveryInstance() {
        try (LockTemplate otherInstance =
                LockTemplate.builder(this.store).instanceId("node-b").build()) {
            List<Lease> held = new ArrayList<>();
            for (int i = 0; i < Exports.AT_ONCE; i++) {
                held.add(otherInstance
                        .semaphore("exports", "exports")
                        .acquire(PermitRequest.builder()
                                .owner("node-b-export-" + i)
                                .createIfMissing(Exports.AT_ONCE, false)
                                .build()));
            }
            assertThat(this.mvc.post().uri("/exports?report=sales&seconds=600")).hasStatus(409);
            held.get(0).close();
            assertThat(this.mvc.post().uri("/exports?report=sales&seconds=600")).hasStatus(202);
            held.forEach(Lease::close);
        }
    }

    @Test
    void shouldRefuseBadInputBeforeTakingAPermit() {
        assertThat(this.mvc.post().uri("/exports?report=sales&seconds=0"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Export seconds must be from 1 to 3600, but was 0");
        assertThat(this.mvc.post().uri("/exports").param("report", " ").param("seconds", "5"))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Export report must not be blank, but was [ ]");
        assertThat(this.exports.permits().map(SemaphoreState::used).orElse(0)).isZero();
    }
}
