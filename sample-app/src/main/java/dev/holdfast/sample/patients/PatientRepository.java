package dev.holdfast.sample.patients;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores patients. */
public interface PatientRepository extends JpaRepository<Patient, Long> {}
