package dev.holdfast.lock.jpa.autoconfigure.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A user entity, to check that the lock entity does not hide the application's own. */
@Entity
public class Patient {

    @Id
    private Long id;

    private String name;

    protected Patient() {}

    public Patient(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }
}
