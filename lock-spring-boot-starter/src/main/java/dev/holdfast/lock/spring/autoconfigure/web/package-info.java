/**
 * Auto-configuration of the problem details that Spring MVC and WebFlux applications answer lock exceptions with.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
