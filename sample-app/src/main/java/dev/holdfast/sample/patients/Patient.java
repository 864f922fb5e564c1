package dev.holdfast.sample.patients;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;

/** A patient with prescriptions and appointments, edited by one physician at a time. */
@Entity
public class Patient {

    @Id
    private Long id;

    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    private List<String> prescriptions = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    private List<String> appointments = new ArrayList<>();

    protected Patient() {}

    public Patient(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<String> getPrescriptions() {
        return prescriptions;
    }

    public List<String> getAppointments() {
        return appointments;
    }
}
