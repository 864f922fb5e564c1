/**
 * Auto-configuration of Spring Integration's {@code LockRegistry} over Holdfast's locks, when Spring Integration is on
 * the class path and the application declares no {@code LockRegistry}.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
