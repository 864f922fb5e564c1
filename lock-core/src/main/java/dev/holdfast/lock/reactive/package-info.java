/**
 * Holdfast for Project Reactor: {@link dev.holdfast.lock.reactive.ReactiveLockTemplate} acquires, waits for and
 * releases locks as {@code Mono}s without blocking a reactor thread, and holds a lock over a {@code Mono} or
 * {@code Flux} until it completes, fails or is cancelled. Reactor is an optional dependency of the core.
 */
@NullMarked
package dev.holdfast.lock.reactive;

import org.jspecify.annotations.NullMarked;
