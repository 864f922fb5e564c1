package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link LockedCallObservationConvention}: {@code holdfast.lock.call} with {@code lock.name},
 * {@code lock.store}, {@code lock.kind} and {@code outcome} (the exception a call ended with is the observation's
 * error, which Boot's meter handler tags {@code error}).
 */
public class DefaultLockedCallObservationConvention implements LockedCallObservationConvention {

    /** The observation's name, and so the name of the timer Boot's meter handler records. */
    public static final String NAME = "holdfast.lock.call";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(LockedCallContext context) {
        return "lock " + context.getLockName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LockedCallContext context) {
        return KeyValues.of(lockName(context), lockStore(context), lockKind(context), outcome(context));
    }

    protected KeyValue lockName(LockedCallContext context) {
        return LowCardinalityKeyNames.LOCK_NAME.withValue(context.getLockName());
    }

    protected KeyValue lockStore(LockedCallContext context) {
        return LowCardinalityKeyNames.LOCK_STORE.withValue(context.getStore());
    }

    protected KeyValue lockKind(LockedCallContext context) {
        return LowCardinalityKeyNames.LOCK_KIND.withValue(context.getKind().value());
    }

    protected KeyValue outcome(LockedCallContext context) {
        return LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().value());
    }
}
