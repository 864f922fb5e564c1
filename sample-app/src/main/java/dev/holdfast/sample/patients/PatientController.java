package dev.holdfast.sample.patients;

import dev.holdfast.lock.jpa.offline.LockTarget;
import dev.holdfast.lock.jpa.offline.OfflineLock;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patient records over HTTP. The physician is the {@code X-Physician} header (see {@link PhysicianHolderResolver});
 * editing a record takes its offline lock for that physician, who keeps it across requests until done.
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
    ResponseEntity<PatientView> show(@PathVariable long id) {
        return patients.findById(id)
                .map((patient) -> ResponseEntity.ok(PatientView.of(patient, locks.find(target(id)))))
                .orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/prescriptions")
    @OfflineLocked(type = "Patient", id = "#id", reason = "editing prescriptions")
    @Transactional
    PatientView prescribe(@PathVariable long id, @RequestBody String prescription) {
        Patient patient = patients.findById(id).orElseThrow();
        patient.getPrescriptions().add(prescription);
        return PatientView.of(patient, locks.find(target(id)));
    }

    @PostMapping("/appointments")
    @OfflineLocked(type = "Patient", id = "#id", reason = "booking appointments")
    @Transactional
    PatientView book(@PathVariable long id, @RequestBody String appointment) {
        Patient patient = patients.findById(id).orElseThrow();
        patient.getAppointments().add(appointment);
        return PatientView.of(patient, locks.find(target(id)));
    }

    @DeleteMapping("/lock")
    ResponseEntity<Void> done(@PathVariable long id, HttpServletRequest request) {
        String physician = request.getHeader(PhysicianHolderResolver.HEADER);
        boolean released = physician != null && locks.release(target(id), physician);
        return released
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    private static LockTarget target(long id) {
        return LockTarget.of("Patient", id);
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
                    lock.map(OfflineLock::holder).orElse(""),
                    lock.map(OfflineLock::reason).orElse(""));
        }
    }
}
