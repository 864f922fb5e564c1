package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/** The default {@link LockedCallObservationConvention}: {@code holdfast.lock.call} with name, store and outcome. */
public class DefaultLockedCallObservationConvention implements LockedCallObservationConvention {

    private static final String DEFAULT_NAME = "holdfast.lock.call";

    private static final KeyValue EXCEPTION_NONE = KeyValue.of(LowCardinalityKeyNames.EXCEPTION, KeyValue.NONE_VALUE);

    @Override
    public String getName() {
        return DEFAULT_NAME;
    }

    @Override
    public String getContextualName(LockedCallContext context) {
        return "lock " + context.getLockName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LockedCallContext context) {
        return KeyValues.of(lockName(context), lockStore(context), outcome(context), exception(context));
    }

    protected KeyValue lockName(LockedCallContext context) {
        return KeyValue.of(LowCardinalityKeyNames.LOCK_NAME, context.getLockName());
    }

    protected KeyValue lockStore(LockedCallContext context) {
        return KeyValue.of(LowCardinalityKeyNames.LOCK_STORE, context.getStore());
    }

    protected KeyValue outcome(LockedCallContext context) {
        return KeyValue.of(LowCardinalityKeyNames.OUTCOME, context.getOutcome().value());
    }

    protected KeyValue exception(LockedCallContext context) {
        Throwable error = context.getError();
        return (error != null)
                ? KeyValue.of(LowCardinalityKeyNames.EXCEPTION, error.getClass().getSimpleName())
                : EXCEPTION_NONE;
    }
}
