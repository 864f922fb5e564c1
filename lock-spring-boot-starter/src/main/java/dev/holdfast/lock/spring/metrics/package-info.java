/**
 * Micrometer binders for Holdfast's locks: the listener that turns lock events into meters, and the gauges of a
 * template's held leases.
 */
@NullMarked
package dev.holdfast.lock.spring.metrics;

import org.jspecify.annotations.NullMarked;
