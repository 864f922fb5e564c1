package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.spring.observation.LockObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link LockAcquireObservationConvention}: {@code holdfast.lock.acquire} with {@code lock.name},
 * {@code lock.store}, {@code lock.kind} and {@code outcome}.
 */
public class DefaultLockAcquireObservationConvention implements LockAcquireObservationConvention {

    /** The observation's name, and so the name of the timer Boot's meter handler records. */
    public static final String NAME = "holdfast.lock.acquire";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(LockAcquireContext context) {
        return "acquire " + context.getLockName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LockAcquireContext context) {
        return KeyValues.of(
                LowCardinalityKeyNames.LOCK_NAME.withValue(context.getLockName()),
                LowCardinalityKeyNames.LOCK_STORE.withValue(context.getStore()),
                LowCardinalityKeyNames.LOCK_KIND.withValue(context.getKind().value()),
                LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().value()));
    }
}
