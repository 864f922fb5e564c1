package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.HolderResolver;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web application whose prescription handlers are guarded by offline locks; the user comes from a header. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PatientApplication {

    @Bean
    HolderResolver headerHolderResolver() {
        return (request) -> request.getHeader("X-User");
    }

    @RestController
    static class PrescriptionController {

        @PutMapping("/patients/{id}/prescriptions")
        @OfflineLocked(type = "Patient", id = "#id", reason = "editing prescriptions")
        String edit(@PathVariable long id) {
            return "editing " + id;
        }

        @PostMapping("/patients/{id}/prescriptions")
        @OfflineLocked(
                type = "Patient",
                id = "#id",
                reason = "saving prescriptions",
                release = OfflineLocked.Release.AFTER_SUCCESS)
        String save(@PathVariable long id) {
            return "saved " + id;
        }
    }
}
