/**
 * The HTTP API of the lock server ({@code /api/v1}): controllers, their request and response bodies, and the problem
 * details every error is answered with. Owners the store sees are prefixed with the authenticated client's name.
 */
@NullMarked
package dev.holdfast.lock.server.api;

import org.jspecify.annotations.NullMarked;
