package dev.holdfast.lock.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of {@link LockObservationDocumentation#LOCKED_CALL} observations; declare a bean of this type to
 * change names or key values.
 */
public interface LockedCallObservationConvention extends ObservationConvention<LockedCallContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof LockedCallContext;
    }
}
