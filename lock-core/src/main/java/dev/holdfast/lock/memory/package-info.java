/**
 * The in-memory store: locks within one JVM, for tests and single-node applications, honouring every rule of the
 * store SPI with time from an injected clock.
 */
@NullMarked
package dev.holdfast.lock.memory;

import org.jspecify.annotations.NullMarked;
