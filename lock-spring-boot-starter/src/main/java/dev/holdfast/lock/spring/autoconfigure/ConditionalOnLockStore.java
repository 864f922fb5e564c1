package dev.holdfast.lock.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code holdfast.store} selects the given lock store: when it names that store, or (unless
 * {@link #matchIfAuto()} is off) when it is {@code auto} or unset, so that the store is a candidate of detection, whose
 * order the auto-configurations' ordering decides. {@code jpa} selects {@link LockStoreType#JDBC}. An unknown value
 * matches nothing; binding {@link HoldfastProperties} then fails at startup naming it.
 *
 * <p>Every lock store's auto-configuration carries it, in this module and in holdfast-lock-jpa-offline; the property
 * is bound to {@link LockStoreType} with Spring Boot's {@code Binder}, as {@link HoldfastProperties} binds it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnLockStoreCondition.class)
public @interface ConditionalOnLockStore {

    /**
     * The store the annotated configuration provides.
     *
     * @return the store
     */
    LockStoreType value();

    /**
     * Whether to match when {@code holdfast.store} is {@code auto} or unset.
     *
     * @return {@code false} to match only when the property names the store
     */
    boolean matchIfAuto() default true;
}
