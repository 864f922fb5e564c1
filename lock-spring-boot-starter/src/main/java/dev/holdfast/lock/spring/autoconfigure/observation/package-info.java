/**
 * Auto-configuration of the observations of lock acquisitions.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
