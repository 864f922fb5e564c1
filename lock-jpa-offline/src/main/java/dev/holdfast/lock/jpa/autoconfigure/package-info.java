/**
 * Auto-configuration of the JPA module: the lock tables' schema initialisation and the JPA registration of the lock
 * entity, the database lock store, the offline lock API with its scheduled sweep and MVC guard, ordered row locking
 * ({@code holdfast.rows.*}), and the failure analysis of a missing lock table and of a property value the module
 * cannot work with. The database store's configuration needs holdfast-lock-spring-boot-starter, for its
 * {@code holdfast.store} condition; the rest does not.
 */
@NullMarked
package dev.holdfast.lock.jpa.autoconfigure;

import org.jspecify.annotations.NullMarked;
