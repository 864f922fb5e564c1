package dev.holdfast.lock.jpa.offline;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;

/**
 * Names a JPA entity by its entity name (such as {@code Patient}) and its identifier, both from the JPA metamodel.
 * Proxies resolve to their entity class. A composite identifier is named by its {@code toString()}, which should be
 * stable (a record's is). Thread-safe.
 */
public class JpaLockTargetResolver implements LockTargetResolver {

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Create a resolver.
     *
     * @param entityManagerFactory where the metamodel comes from
     */
    public JpaLockTargetResolver(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    @Override
    public LockTarget resolve(Object entity) {
        EntityType<?> type = entityType(entity);
        Object id = this.entityManagerFactory.getPersistenceUnitUtil().getIdentifier(entity);
        return LockTarget.of(type.getName(), id);
    }

    private EntityType<?> entityType(Object entity) {
        for (Class<?> type = entity.getClass(); type != null; type = type.getSuperclass()) {
            try {
                return this.entityManagerFactory.getMetamodel().entity(type);
            } catch (IllegalArgumentException ex) {
                // not an entity class: try its superclass (a proxy's superclass is the entity)
            }
        }
        throw new InvalidLockTargetException("Lock target [" + entity.getClass().getName()
                + "] is not a JPA entity: lock it by type and id with LockTarget.of(type, id)");
    }
}
