/**
 * Auto-configuration of the lock store's health indicator.
 */
@NullMarked
package dev.holdfast.lock.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
