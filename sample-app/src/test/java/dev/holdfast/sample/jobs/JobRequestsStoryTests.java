package dev.holdfast.sample.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Bad job requests are answered with problem details that say what is wrong. */
@SpringBootTest
@AutoConfigureMockMvc
class JobRequestsStoryTests {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void shouldRefuseAJobWithoutStepsWith400() {
        assertDetail(mvc.post().uri("/resources/printer/jobs/nice?steps=0").exchange(), 400)
                .isEqualTo("Job steps must be at least 1, was 0");
        assertDetail(mvc.post().uri("/resources/printer/jobs/vip?stepMillis=-1").exchange(), 400)
                .isEqualTo("Job step time must not be negative, was PT-0.001S");
    }

    @Test
    void shouldRefuseStepsThatAreNotANumberWith400() {
        assertDetail(mvc.post().uri("/resources/printer/jobs/nice?steps=many").exchange(), 400)
                .contains("'steps'", "many");
    }

    @Test
    void shouldAnswerAnUnknownJobWith404ThatPointsToTheReadme() {
        assertDetail(mvc.post().uri("/resources/printer/jobs/urgent").exchange(), 404)
                .isEqualTo("No endpoint answers at /resources/printer/jobs/urgent; every endpoint of the sample is in "
                        + "the README's section \"The sample application, story by story\".");
    }

    private static AbstractStringAssert<?> assertDetail(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return assertThat(result).bodyJson().extractingPath("$.detail").asString();
    }
}
