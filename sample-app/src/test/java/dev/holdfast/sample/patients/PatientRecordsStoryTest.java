package dev.holdfast.sample.patients;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class PatientRecordsStoryTest {

    @Autowired
    private MockMvc mvc;

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
                .andExpect(jsonPath("$.holder").value("Dr Green"))
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
}
