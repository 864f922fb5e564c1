/**
 * Auto-configuration for Holdfast: the lock store chosen by {@code holdfast.store}, the
 * {@link dev.holdfast.lock.LockTemplate}, the {@code @Locked} advisor, {@code holdfast.*} properties and the failure
 * analyzers that explain misconfiguration at startup.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
