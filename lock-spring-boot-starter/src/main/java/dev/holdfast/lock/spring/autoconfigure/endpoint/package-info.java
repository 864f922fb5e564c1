/**
 * Auto-configuration of the {@code locks} actuator endpoint.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
