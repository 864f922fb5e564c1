/**
 * Micrometer observations of {@code @Locked} calls, after Spring's quartet: {@link
 * dev.holdfast.lock.spring.observation.LockObservationDocumentation}, {@link
 * dev.holdfast.lock.spring.observation.LockedCallContext}, {@link
 * dev.holdfast.lock.spring.observation.LockedCallObservationConvention} and {@link
 * dev.holdfast.lock.spring.observation.DefaultLockedCallObservationConvention}.
 */
@NullMarked
package dev.holdfast.lock.spring.observation;

import org.jspecify.annotations.NullMarked;
