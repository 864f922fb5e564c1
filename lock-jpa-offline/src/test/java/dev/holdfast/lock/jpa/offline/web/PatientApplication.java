package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A web application whose prescription handlers are guarded by offline locks; the user comes from a header. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PatientApplication {

    @Bean
    OfflineLockOwnerResolver headerOwnerResolver() {
        return (request) -> request.getHeader("X-User");
    }

    @RestController
    static class PrescriptionController {

        @PutMapping("/patients/{id}/prescriptions")
        @OfflineLocked(namespace = "Patient", id = "#id", reason = "editing prescriptions")
        String edit(@PathVariable long id) {
            return "editing " + id;
        }

        @PutMapping("/wards/{ward}")
        @OfflineLocked(namespace = "Ward", id = "#ward", reason = "planning the ward")
        String plan(@PathVariable String ward) {
            return "planning " + ward.length();
        }

        @PostMapping("/patients/{id}/prescriptions")
        @OfflineLocked(
                namespace = "Patient",
                id = "#id",
                reason = "saving prescriptions",
                release = OfflineLocked.Release.AFTER_SUCCESS)
        String save(@PathVariable long id) {
            return "saved " + id;
        }
    }

    /** Notes handlers that answer as the {@code outcome} parameter asks, to show what a failed request leaves. */
    @RestController
    static class NoteController {

        private final OfflineLocks locks;

        NoteController(OfflineLocks locks) {
            this.locks = locks;
        }

        @PutMapping("/patients/{id}/notes")
        @OfflineLocked(namespace = "Patient", id = "#id", reason = "writing notes")
        ResponseEntity<String> write(
                @PathVariable long id,
                @RequestParam(defaultValue = "ok") String outcome,
                @RequestHeader("X-User") String user) {
            if (outcome.equals("hold-then-crash")) {
                // as if another task of the same user took a hold meanwhile: it must survive this request's failure
                this.locks.tryAcquire(LockKey.of("Patient", id), user, "background job");
                return answer(id, "crash");
            }
            return answer(id, outcome);
        }

        @PostMapping("/patients/{id}/notes")
        @OfflineLocked(
                namespace = "Patient",
                id = "#id",
                reason = "saving notes",
                release = OfflineLocked.Release.AFTER_SUCCESS)
        ResponseEntity<String> save(@PathVariable long id, @RequestParam(defaultValue = "ok") String outcome) {
            return answer(id, outcome);
        }

        private static ResponseEntity<String> answer(long id, String outcome) {
            return switch (outcome) {
                case "crash" -> throw new IllegalStateException("Notes of patient " + id + " cannot be stored");
                case "missing" -> throw new ErrorResponseException(HttpStatus.NOT_FOUND);
                case "invalid" -> ResponseEntity.unprocessableEntity().body("note rejected");
                default -> ResponseEntity.ok("noted " + id);
            };
        }
    }
}
