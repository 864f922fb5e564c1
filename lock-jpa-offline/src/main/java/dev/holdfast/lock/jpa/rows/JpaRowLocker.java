package dev.holdfast.lock.jpa.rows;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FindOption;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.RefreshOption;
import jakarta.persistence.Timeout;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.IdentifiableType;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.Timeouts;
import org.jspecify.annotations.Nullable;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/** Identifies JPA entities through the metamodel and locks their rows with {@code PESSIMISTIC_WRITE}. */
final class JpaRowLocker {

    private final EntityManagerFactory entityManagerFactory;

    private final PersistenceUnitUtil persistenceUnitUtil;

    JpaRowLocker(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
        this.persistenceUnitUtil = entityManagerFactory.getPersistenceUnitUtil();
    }

    /** Return the data source of a persistence unit set up by Spring, or {@code null} when it does not say. */
    static @Nullable DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
        return (entityManagerFactory instanceof EntityManagerFactoryInfo info) ? info.getDataSource() : null;
    }

    /** The row of an entity, named after the root entity of its hierarchy so that all rows of one table sort together. */
    RowKey keyOf(Object entity) {
        EntityType<?> type = rootEntity(entity);
        Object id = this.persistenceUnitUtil.getIdentifier(entity);
        if (id == null) {
            throw new IllegalArgumentException(
                    "Entity [" + type.getName() + "] has no id yet: persist it before locking its row");
        }
        return new RowKey(type.getName(), id);
    }

    /**
     * Lock the entity's row in the current transaction.
     *
     * @return whether the row is now locked (false when skipped or missing)
     */
    boolean lock(Object entity, RowKey key, LockWait wait) {
        EntityManager entityManager =
                EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
        if (entityManager == null) {
            throw new IllegalStateException("No transactional EntityManager to lock row [" + key
                    + "]: row locks on JPA entities need a JpaTransactionManager");
        }
        if (entityManager.contains(entity)) {
            // Managed already (open EntityManager in view): lock and reload, so the caller never works on stale state.
            entityManager.refresh(entity, refreshOptions(wait));
            return entityManager.contains(entity);
        }
        Class<?> type = rootEntity(entity).getJavaType();
        return entityManager.find(type, key.id(), findOptions(wait)) != null;
    }

    private EntityType<?> rootEntity(Object entity) {
        Class<?> type = this.persistenceUnitUtil.getClass(entity);
        EntityType<?> entityType;
        try {
            entityType = this.entityManagerFactory.getMetamodel().entity(type);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "Cannot lock the row of [" + type.getName() + "]: not a JPA entity and not a TableRow", ex);
        }
        EntityType<?> root = entityType;
        for (IdentifiableType<?> current = entityType.getSupertype();
                current != null;
                current = current.getSupertype()) {
            if (current instanceof EntityType<?> parent) {
                root = parent;
            }
        }
        return root;
    }

    private static Timeout[] timeouts(LockWait wait) {
        return switch (wait.mode()) {
            case DATABASE_DEFAULT -> new Timeout[0];
            case TIMEOUT ->
                new Timeout[] {
                    Timeout.milliseconds(Math.toIntExact(
                            Objects.requireNonNull(wait.timeout()).toMillis()))
                };
            case NOWAIT -> new Timeout[] {Timeout.milliseconds(Timeouts.NO_WAIT_MILLI)};
            case SKIP_LOCKED -> new Timeout[] {Timeout.milliseconds(Timeouts.SKIP_LOCKED_MILLI)};
        };
    }

    private static FindOption[] findOptions(LockWait wait) {
        Timeout[] timeouts = timeouts(wait);
        FindOption[] options = new FindOption[timeouts.length + 1];
        options[0] = LockModeType.PESSIMISTIC_WRITE;
        System.arraycopy(timeouts, 0, options, 1, timeouts.length);
        return options;
    }

    private static RefreshOption[] refreshOptions(LockWait wait) {
        Timeout[] timeouts = timeouts(wait);
        RefreshOption[] options = new RefreshOption[timeouts.length + 1];
        options[0] = LockModeType.PESSIMISTIC_WRITE;
        System.arraycopy(timeouts, 0, options, 1, timeouts.length);
        return options;
    }
}
