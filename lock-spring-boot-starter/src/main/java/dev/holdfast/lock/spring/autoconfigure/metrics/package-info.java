/**
 * Micrometer meters for Holdfast's locks: a {@link dev.holdfast.lock.LockListener} that turns lock events into
 * {@code holdfast.lock.*} timers and counters tagged by lock name, store and outcome (never the key), a gauge of held
 * leases, and their auto-configuration.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
