package dev.holdfast.lock.spring.observation;

import io.micrometer.observation.Observation;
import java.lang.reflect.Method;
import java.util.Locale;

/** The context of a {@link LockObservationDocumentation#LOCKED_CALL} observation. */
public class LockedCallContext extends Observation.Context {

    private final String lockName;

    private final String store;

    private final Method method;

    private final Class<?> targetClass;

    private Outcome outcome = Outcome.UNKNOWN;

    /**
     * Create a context.
     *
     * @param lockName the lock's static name
     * @param store the store's name
     * @param method the called method
     * @param targetClass the class of the bean called
     */
    public LockedCallContext(String lockName, String store, Method method, Class<?> targetClass) {
        this.lockName = lockName;
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
    public Outcome getOutcome() {
        return this.outcome;
    }

    /**
     * Set whether the lock was acquired.
     *
     * @param outcome the outcome
     */
    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /** Whether the lock of a call was acquired. */
    public enum Outcome {

        /** Acquired; the method ran (the exception key value tells whether it threw). */
        ACQUIRED,

        /** Held by another owner and not waited for. */
        REFUSED,

        /** Not acquired within the wait. */
        TIMED_OUT,

        /** The store failed. */
        ERROR,

        /** Not known yet. */
        UNKNOWN;

        /**
         * Return the key value's text.
         *
         * @return the lowercase name, such as {@code timed_out}
         */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
