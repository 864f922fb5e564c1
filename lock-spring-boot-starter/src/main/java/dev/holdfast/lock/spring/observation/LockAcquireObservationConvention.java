package dev.holdfast.lock.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of {@link LockObservationDocumentation#ACQUIRE} observations; declare a bean of this type to change
 * names or key values.
 */
public interface LockAcquireObservationConvention extends ObservationConvention<LockAcquireContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof LockAcquireContext;
    }
}
