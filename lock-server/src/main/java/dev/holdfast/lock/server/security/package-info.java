/**
 * The lock server's security: clients authenticate with HTTP Basic or an API key from {@code holdfast.server.*}
 * properties, and roles READ, LOCK (per namespace) and ADMIN decide what each endpoint allows.
 */
@NullMarked
package dev.holdfast.lock.server.security;

import org.jspecify.annotations.NullMarked;
