/**
 * Auto-configuration for Holdfast: the lock store chosen by {@code holdfast.store} (every store's configuration, in
 * this module and in holdfast-lock-jpa-offline, is guarded by {@link ConditionalOnLockStore}), the
 * {@link dev.holdfast.lock.LockTemplate}, the {@code @Locked} advisor, {@code holdfast.*} properties checked as they
 * are bound, and the failure analyzers that explain misconfiguration at startup.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
