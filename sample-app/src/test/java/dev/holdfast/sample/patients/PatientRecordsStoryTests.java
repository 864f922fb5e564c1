package dev.holdfast.sample.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class PatientRecordsStoryTests {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private OfflineLocks locks;

    @BeforeEach
    void physiciansHoldNothing() {
        locks.releaseAll("Dr Green");
        locks.releaseAll("Dr Brown");
    }

    @Test
    void shouldLetOnePhysicianEditARecordAcrossRequestsAndRefuseAnotherWith412() throws Exception {
        mvc.perform(post("/patients/1/prescriptions")
                        .header("X-Physician", "Dr Green")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Amoxicillin 250mg"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.editedBy").value("Dr Green"));
        mvc.perform(post("/patients/1/appointments")
                        .header("X-Physician", "Dr Brown")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Follow up"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.owner").value("Dr Green"))
                .andExpect(jsonPath("$.reason").value("editing prescriptions"));
        mvc.perform(post("/patients/1/appointments")
                        .header("X-Physician", "Dr Green")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Follow up"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.prescriptions[0]").value("Amoxicillin 250mg"))
                .andExpect(jsonPath("$.appointments[0]").value("Follow up"));
        mvc.perform(delete("/patients/1/lock").header("X-Physician", "Dr Green"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/patients/1/appointments")
                        .header("X-Physician", "Dr Brown")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Check up"))
                .andExpect(status().isOk());
        mvc.perform(get("/patients/1"))
                .andExpect(jsonPath("$.appointments.length()").value(2))
                .andExpect(jsonPath("$.editedBy").value("Dr Brown"));
    }

    @Test
    void shouldAnswer404ProblemDetailForMissingPatientAndLeaveItUnlocked() throws Exception {
        mvc.perform(post("/patients/999/prescriptions")
                        .header("X-Physician", "Dr Green")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Amoxicillin 250mg"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(containsString("999")));

        assertThat(locks.find(LockKey.of("Patient", 999))).isEmpty();
        mvc.perform(post("/patients/999/appointments")
                        .header("X-Physician", "Dr Brown")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Follow up"))
                .andExpect(status().isNotFound());
    }

    @Test
    void shouldKeepPhysiciansLockWhenOneOfTheirRequestsFails() throws Exception {
        mvc.perform(post("/patients/2/prescriptions")
                        .header("X-Physician", "Dr Green")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Ibuprofen 200mg"))
                .andExpect(status().isOk());
        mvc.perform(post("/patients/2/appointments")
                        .header("X-Physician", "Dr Green")
                        .contentType(MediaType.TEXT_PLAIN))
                .andExpect(status().isBadRequest());

        mvc.perform(post("/patients/2/appointments")
                        .header("X-Physician", "Dr Brown")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Check up"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.owner").value("Dr Green"));
    }
}
