/**
 * Health of Holdfast's lock stores, for the actuator's {@code health} endpoint.
 */
@NullMarked
package dev.holdfast.lock.spring.actuate.health;

import org.jspecify.annotations.NullMarked;
