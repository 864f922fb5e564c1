/**
 * The {@code locks} actuator endpoint: list the locks held in the store, show one, and force-release one (a write
 * operation, off unless the endpoint's access is {@code unrestricted}).
 */
@NullMarked
package dev.holdfast.lock.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
