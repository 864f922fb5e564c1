/**
 * Micrometer observations of lock acquisitions (every kind, programmatic or annotated, through {@link
 * dev.holdfast.lock.spring.observation.ObservationLockListener}) and of {@code @Locked} calls, after Spring's quartet:
 * {@link dev.holdfast.lock.spring.observation.LockObservationDocumentation}, the contexts, the conventions and their
 * defaults. {@link dev.holdfast.lock.spring.observation.LockOutcome} and the documentation's key names are the one
 * vocabulary the meters use too.
 */
@NullMarked
package dev.holdfast.lock.spring.observation;

import org.jspecify.annotations.NullMarked;
