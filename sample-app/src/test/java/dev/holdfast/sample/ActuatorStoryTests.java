package dev.holdfast.sample;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = "management.metrics.export.prometheus.enabled=true")
@AutoConfigureMockMvc
class ActuatorStoryTests {

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldExposeLockMetricsLocksEndpointAndHealthOnTheDatabaseStore() throws Exception {
        mvc.perform(post("/resources/lathe/jobs/nice").param("steps", "1").param("stepMillis", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("DONE"));

        mvc.perform(get("/actuator/locks"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locks").isArray())
                .andExpect(jsonPath("$.semaphores").isArray());
        mvc.perform(get("/actuator/health/holdfast"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/metrics/holdfast.lock.acquire")
                        .param("tag", "lock.store:jdbc")
                        .param("tag", "lock.kind:lock")
                        .param("tag", "outcome:acquired"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("holdfast.lock.acquire"));
        mvc.perform(get("/actuator/metrics/holdfast.lock.lost").param("tag", "lock.store:jdbc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.availableTags[?(@.tag == 'lock.kind')]").exists());
    }
}
