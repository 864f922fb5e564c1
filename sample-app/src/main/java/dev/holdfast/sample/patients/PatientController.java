package dev.holdfast.sample.patients;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.offline.OfflineLock;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patient records over HTTP. The physician is the {@code X-Physician} header (see {@link PhysicianOwnerResolver});
 * editing a record takes its offline lock for that physician, who keeps it across requests until done. A patient that
 * does not exist is a 404 problem detail (RFC 9457), and the failed request leaves no lock on it.
 */
@RestController
@RequestMapping("/patients/{id}")
class PatientController {

    private final PatientRepository patients;

    private final OfflineLocks locks;

    PatientController(PatientRepository patients, OfflineLocks locks) {
        this.patients = patients;
        this.locks = locks;
    }

    @GetMapping
    PatientView show(@PathVariable long id) {
        return PatientView.of(patient(id), locks.find(key(id)));
    }

    @PostMapping("/prescriptions")
    @OfflineLocked(namespace = "Patient", id = "#id", reason = "editing prescriptions")
    @Transactional
    PatientView prescribe(@PathVariable long id, @RequestBody String prescription) {
        Patient patient = patient(id);
        patient.getPrescriptions().add(prescription);
        return PatientView.of(patient, locks.find(key(id)));
    }

    @PostMapping("/appointments")
    @OfflineLocked(namespace = "Patient", id = "#id", reason = "booking appointments")
    @Transactional
    PatientView book(@PathVariable long id, @RequestBody String appointment) {
        Patient patient = patient(id);
        patient.getAppointments().add(appointment);
        return PatientView.of(patient, locks.find(key(id)));
    }

    @DeleteMapping("/lock")
    ResponseEntity<Void> done(@PathVariable long id, HttpServletRequest request) {
        String physician = PhysicianOwnerResolver.physician(request);
        if (!locks.release(key(id), physician)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "Patient " + id + " is not locked by " + physician + ".");
            problem.setTitle("No lock to release");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        return ResponseEntity.noContent().build();
    }

    /** The patient, or a 404 problem detail; a guarded request that fails this way leaves no lock behind. */
    private Patient patient(long id) {
        return patients.findById(id).orElseThrow(() -> {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Patient " + id + " does not exist");
            problem.setTitle("Patient not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }

    private static LockKey key(long id) {
        return LockKey.of("Patient", id);
    }

    record PatientView(
            long id,
            String name,
            List<String> prescriptions,
            List<String> appointments,
            String editedBy,
            String editing) {

        static PatientView of(Patient patient, Optional<OfflineLock> lock) {
            return new PatientView(
                    patient.getId(),
                    patient.getName(),
                    List.copyOf(patient.getPrescriptions()),
                    List.copyOf(patient.getAppointments()),
                    lock.map(OfflineLock::owner).orElse(""),
                    lock.map(OfflineLock::reason).orElse(""));
        }
    }
}
