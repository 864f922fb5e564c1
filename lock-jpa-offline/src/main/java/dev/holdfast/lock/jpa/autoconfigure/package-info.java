/**
 * Auto-configuration of the lock tables' schema initialisation, the JPA registration of the lock entity, the
 * offline lock API with its scheduled sweep and MVC guard, and the failure analysis of a missing lock table.
 */
@NullMarked
package dev.holdfast.lock.jpa.autoconfigure;

import org.jspecify.annotations.NullMarked;
