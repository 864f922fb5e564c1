package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.OfflineLocked;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.Expression;

/**
 * An {@link OfflineLocked} annotation parsed and checked once for one handler method.
 *
 * @param namespace the namespace of the lock's key
 * @param id the id expression
 * @param reason why the lock is taken, {@code null} for none
 * @param release when the lock is released
 */
record OfflineLockGuard(
        String namespace, Expression id, @Nullable String reason, OfflineLocked.Release release) {}
