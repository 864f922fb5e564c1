/**
 * Micrometer binders for Holdfast's locks: the listener that turns lock events into meters, the gauges of each
 * semaphore used, and the template's meters bound at startup (held leases, event counters at zero).
 */
@NullMarked
package dev.holdfast.lock.spring.metrics;

import org.jspecify.annotations.NullMarked;
