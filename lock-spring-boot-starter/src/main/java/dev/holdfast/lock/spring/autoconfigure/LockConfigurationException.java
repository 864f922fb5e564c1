package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.LockException;

/** Thrown at startup when {@code holdfast.store} names an unknown store, or one the application cannot provide. */
public class LockStoreConfigurationException extends LockException {

    private final String store;

    private final String action;

    /**
     * Create the exception.
     *
     * @param store the value of {@code holdfast.store}
     * @param problem what is wrong, naming the value
     * @param action what to change, naming {@code holdfast.store}
     */
    public LockStoreConfigurationException(String store, String problem, String action) {
        super(problem);
        this.store = store;
        this.action = action;
    }

    /**
     * Return the value of {@code holdfast.store}.
     *
     * @return the value
     */
    public String getStore() {
        return this.store;
    }

    /**
     * Return what to change.
     *
     * @return the action
     */
    public String getAction() {
        return this.action;
    }
}
