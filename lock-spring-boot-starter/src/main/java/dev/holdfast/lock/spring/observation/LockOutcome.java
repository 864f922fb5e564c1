package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.LockResult;
import java.util.Locale;

/**
 * How an acquisition ended: the {@code outcome} of the {@code holdfast.lock.acquire} and {@code holdfast.lock.call}
 * meters and observations.
 */
public enum LockOutcome {

    /** Acquired (for a call: the method ran; the {@code error} tag tells whether it threw). */
    ACQUIRED,

    /** Held by another owner and not waited for. */
    REFUSED,

    /** Not acquired within the wait. */
    TIMED_OUT,

    /** The semaphore does not exist, and the request did not ask to create it. */
    MISSING,

    /** The store failed, the request could not be granted as asked, or the wait was interrupted. */
    ERROR,

    /** Not known yet: the acquisition is still running. */
    UNKNOWN;

    /**
     * Return the tag value.
     *
     * @return the lowercase name, such as {@code timed_out}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Return the outcome of a refusal.
     *
     * @param reason why the lock was not acquired
     * @return {@link #REFUSED}, {@link #TIMED_OUT} or {@link #MISSING}
     */
    public static LockOutcome of(LockResult.Reason reason) {
        return switch (reason) {
            case HELD -> REFUSED;
            case TIMED_OUT -> TIMED_OUT;
            case MISSING -> MISSING;
        };
    }
}
