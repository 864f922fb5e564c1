package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKind;
import io.micrometer.observation.Observation;

/** The context of a {@link LockObservationDocumentation#ACQUIRE} observation. */
public class LockAcquireContext extends Observation.Context {

    private final LockEvent request;

    private LockOutcome outcome = LockOutcome.UNKNOWN;

    /**
     * Create a context.
     *
     * @param request the event that started the acquisition
     */
    public LockAcquireContext(LockEvent request) {
        this.request = request;
    }

    /**
     * Return the event that started the acquisition: the key, name, store, kind, owner and priority asked for.
     *
     * @return the event
     */
    public LockEvent getRequest() {
        return this.request;
    }

    /**
     * Return the lock's static name.
     *
     * @return the name
     */
    public String getLockName() {
        return this.request.name();
    }

    /**
     * Return the store's name.
     *
     * @return the store
     */
    public String getStore() {
        return this.request.store();
    }

    /**
     * Return the kind of lock asked for.
     *
     * @return the kind
     */
    public LockKind getKind() {
        return this.request.kind();
    }

    /**
     * Return how the acquisition ended, so far.
     *
     * @return the outcome
     */
    public LockOutcome getOutcome() {
        return this.outcome;
    }

    /**
     * Set how the acquisition ended.
     *
     * @param outcome the outcome
     */
    public void setOutcome(LockOutcome outcome) {
        this.outcome = outcome;
    }
}
