package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;

/**
 * Names a JPA entity's lock by its entity name (such as {@code Patient}) as the namespace and its identifier as the id,
 * both from the JPA metamodel. Proxies resolve to their entity class. A composite identifier is named by its
 * {@code toString()}, which should be stable (a record's is). The entity name must be a {@link LockKey} namespace (ASCII
 * letters and digits, {@code . _ -}, at most {@value LockKey#MAX_NAMESPACE_LENGTH} characters): give an entity whose
 * name is not one an explicit {@code @Entity(name = …)}. Thread-safe.
 */
public class JpaLockKeyResolver implements LockKeyResolver {

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Create a resolver.
     *
     * @param entityManagerFactory where the metamodel comes from
     */
    public JpaLockKeyResolver(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    @Override
    public LockKey resolve(Object entity) {
        EntityType<?> type = entityType(entity);
        Object id = this.entityManagerFactory.getPersistenceUnitUtil().getIdentifier(entity);
        if (id == null) {
            throw new IllegalArgumentException("Offline lock key of entity [" + type.getName()
                    + "] has a null id: save the " + type.getName() + " before locking it");
        }
        return LockKey.of(namespace(type), id);
    }

    private static String namespace(EntityType<?> type) {
        try {
            return LockKey.of(type.getName(), "-").namespace();
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "Offline lock key of entity [" + type.getName() + "] ("
                            + type.getJavaType().getName()
                            + ") cannot be named by its entity name: " + ex.getMessage()
                            + ". Give the entity a name that is a lock namespace with @Entity(name = …)",
                    ex);
        }
    }

    private EntityType<?> entityType(Object entity) {
        for (Class<?> type = entity.getClass(); type != null; type = type.getSuperclass()) {
            try {
                return this.entityManagerFactory.getMetamodel().entity(type);
            } catch (IllegalArgumentException ex) {
                // not an entity class: try its superclass (a proxy's superclass is the entity)
            }
        }
        throw new IllegalArgumentException(
                "Offline lock key of [" + entity.getClass().getName()
                        + "] cannot be resolved: it is not a JPA entity, so name the lock with LockKey.of(namespace, id)");
    }
}
