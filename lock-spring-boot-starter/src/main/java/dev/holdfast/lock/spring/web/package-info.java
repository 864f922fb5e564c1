/**
 * Holdfast in Spring MVC and WebFlux applications: lock exceptions that reach a handler are answered with RFC 9457
 * problem details (409 Conflict with {@code Retry-After} for a lock held by someone else, 500 for a lost lock) instead
 * of a bare 500.
 */
@NullMarked
package dev.holdfast.lock.spring.web;

import org.jspecify.annotations.NullMarked;
