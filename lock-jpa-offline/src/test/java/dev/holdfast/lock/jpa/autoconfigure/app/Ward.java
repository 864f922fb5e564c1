package dev.holdfast.lock.jpa.autoconfigure.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A ward, whose beds are nested entities: JPA names {@link Bed} {@code Ward$Bed}, which is no lock namespace, and
 * {@link NamedBed} by its explicit name.
 */
public final class Ward {

    private Ward() {}

    /** A bed, named by JPA's default. */
    @Entity
    public static class Bed {

        @Id
        private Long id;

        protected Bed() {}

        public Bed(Long id) {
            this.id = id;
        }

        public Long getId() {
            return this.id;
        }
    }

    /** A bed with an entity name that is a lock namespace. */
    @Entity(name = "WardBed")
    public static class NamedBed {

        @Id
        private Long id;

        protected NamedBed() {}

        public NamedBed(Long id) {
            this.id = id;
        }

        public Long getId() {
            return this.id;
        }
    }
}
