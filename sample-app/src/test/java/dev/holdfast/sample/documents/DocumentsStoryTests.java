package dev.holdfast.sample.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedReadWriteLock;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.spi.LockStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest
@AutoConfigureMockMvc
class DocumentsStoryTests {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private LockStore store;

    private LockTemplate otherInstance;

    private LeasedReadWriteLock handbook;

    @BeforeEach
    void otherInstance() {
        this.otherInstance =
                LockTemplate.builder(this.store).instanceId("node-b").build();
        this.handbook = this.otherInstance.readWriteLock("document", 1);
    }

    @AfterEach
    void closeOtherInstance() {
        this.otherInstance.close();
    }

    @Test
    void shouldLetReadersShareTheDocumentAndKeepTheEditorWaitingUntilTheyLeave() throws Exception {
        try (Lease auditor = this.handbook.acquireRead(
                PermitRequest.builder().owner("auditor").build())) {
            assertThat(this.mvc.get().uri("/documents/1")).hasStatus(200);
            MvcTestResult edit = edit("While audited");
            assertThat(edit).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(edit).bodyJson().extractingPath("$.lock").isEqualTo("document:1");
            assertThat(edit).bodyJson().extractingPath("$.detail").asString().contains("not acquired within PT2S");
        }
        MvcTestResult edited = edit("After the audit");
        assertThat(edited).hasStatus(200).bodyJson().extractingPath("$.text").isEqualTo("After the audit");
        assertThat(this.mvc.get().uri("/documents/1"))
                .bodyJson()
                .extractingPath("$.text")
                .isEqualTo("After the audit");
    }

    @Test
    void shouldKeepReadersOutWhileTheDocumentIsEdited() {
        try (Lease editor = this.handbook.acquireWrite(
                PermitRequest.builder().owner("editor").build())) {
            assertThat(this.mvc.get().uri("/documents/1")).hasStatus(409);
        }
        assertThat(this.mvc.get().uri("/documents/1")).hasStatus(200);
    }

    @Test
    void shouldVersionEachEditWithItsWriteLocksGrowingToken() throws Exception {
        long first = version(edit("Third edition"));
        long second = version(edit("Fourth edition"));
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void shouldAnswerAMissingDocumentAndABlankText() {
        assertThat(this.mvc.get().uri("/documents/99")).hasStatus(404);
        assertThat(this.mvc
                        .put()
                        .uri("/documents/99")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("text"))
                .hasStatus(404);
        assertThat(this.mvc
                        .put()
                        .uri("/documents/1")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(" "))
                .hasStatus(400);
        assertThat(this.handbook.inspect()).isEmpty();
    }

    private MvcTestResult edit(String text) {
        return this.mvc
                .put()
                .uri("/documents/1")
                .contentType(MediaType.TEXT_PLAIN)
                .content(text)
                .exchange();
    }

    private static long version(MvcTestResult result) throws Exception {
        assertThat(result).hasStatus(200);
        return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.version")).longValue();
    }
}
