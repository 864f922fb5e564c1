package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.LockKind;
import io.micrometer.observation.Observation;
import java.lang.reflect.Method;

/** The context of a {@link LockObservationDocumentation#LOCKED_CALL} observation. */
public class LockedCallContext extends Observation.Context {

    private final String lockName;

    private final String store;

    private final Method method;

    private final Class<?> targetClass;

    private final LockKind kind;

    private LockOutcome outcome = LockOutcome.UNKNOWN;

    /**
     * Create a context.
     *
     * @param lockName the lock's static name
     * @param store the store's name
     * @param method the called method
     * @param targetClass the class of the bean called
     */
    public LockedCallContext(String lockName, String store, Method method, Class<?> targetClass) {
        this(lockName, store, LockKind.LOCK, method, targetClass);
    }

    /**
     * Create a context for a kind of lock.
     *
     * @param lockName the lock's static name
     * @param store the store's name
     * @param kind the kind of lock the method holds
     * @param method the called method
     * @param targetClass the class of the bean called
     */
    public LockedCallContext(String lockName, String store, LockKind kind, Method method, Class<?> targetClass) {
        this.lockName = lockName;
        this.kind = kind;
        this.store = store;
        this.method = method;
        this.targetClass = targetClass;
    }

    /**
     * Return the lock's static name.
     *
     * @return the name
     */
    public String getLockName() {
        return this.lockName;
    }

    /**
     * Return the store's name.
     *
     * @return the store
     */
    public String getStore() {
        return this.store;
    }

    /**
     * Return the kind of lock the method holds.
     *
     * @return the kind
     */
    public LockKind getKind() {
        return this.kind;
    }

    /**
     * Return the called method.
     *
     * @return the method
     */
    public Method getMethod() {
        return this.method;
    }

    /**
     * Return the class of the bean called.
     *
     * @return the class
     */
    public Class<?> getTargetClass() {
        return this.targetClass;
    }

    /**
     * Return whether the lock was acquired, so far.
     *
     * @return the outcome
     */
    public LockOutcome getOutcome() {
        return this.outcome;
    }

    /**
     * Set whether the lock was acquired.
     *
     * @param outcome the outcome
     */
    public void setOutcome(LockOutcome outcome) {
        this.outcome = outcome;
    }
}
