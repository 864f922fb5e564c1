/**
 * Ordered row locking with deadlock retry (the barricade story): {@link dev.holdfast.lock.jpa.rows.RowLocks} runs a
 * callback in a new outermost transaction after locking every given JPA entity or {@link
 * dev.holdfast.lock.jpa.rows.TableRow} with {@code SELECT ... FOR UPDATE}, in a deterministic order (entity name, then
 * id), and retries the whole unit with Spring's {@code RetryTemplate} when the database reports a deadlock or a lock-wait
 * timeout; {@link dev.holdfast.lock.jpa.rows.LockRows} is the annotation form.
 */
@NullMarked
package dev.holdfast.lock.jpa.rows;

import org.jspecify.annotations.NullMarked;
