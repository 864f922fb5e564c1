package dev.holdfast.sample.patients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Bad patient requests are answered with problem details that say what is wrong, over HTTP only. The context is its
 * own (and so is its embedded database), so that no lock another story left on a patient answers first with 412.
 */
@SpringBootTest(properties = "holdfast.instance-id=patient-requests")
@AutoConfigureMockMvc
class PatientRequestsStoryTests {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void shouldAskForThePhysicianWith401() {
        MvcTestResult result = mvc.post()
                .uri("/patients/2/appointments")
                .contentType(MediaType.TEXT_PLAIN)
                .content("Check up")
                .exchange();

        assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("Name the physician in the X-Physician header, such as 'Dr Green'.");
        assertThat(mvc.delete().uri("/patients/2/lock")).hasStatus(401);
    }

    @Test
    void shouldAnswerReleasingALockNotHeldWith404ProblemDetail() {
        MvcTestResult result = mvc.delete()
                .uri("/patients/2/lock")
                .header("X-Physician", "Dr Who")
                .exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Patient 2 is not locked by Dr Who.");
    }

    @Test
    void shouldSayWhatBodyIsMissingWith400() {
        MvcTestResult result = mvc.post()
                .uri("/patients/2/prescriptions")
                .header("X-Physician", "Dr Who")
                .contentType(MediaType.TEXT_PLAIN)
                .exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .startsWith("The request body is missing or unreadable");
    }
}
