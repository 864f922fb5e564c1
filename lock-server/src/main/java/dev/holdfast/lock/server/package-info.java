/**
 * The lock server: a Spring Boot application that offers Holdfast's locks, semaphores and sessions over an HTTP JSON
 * API ({@code /api/v1}), secured by Spring Security, for services that are not on the JVM.
 *
 * <p>Waiting requests use Servlet asynchronous processing: a controller returns a {@link
 * java.util.concurrent.CompletableFuture} that completes when the store's watch ({@code LockWatch.nextAsync}) grants
 * the lock or the wait runs out, so a waiter holds no thread while it waits, yet the server stays on Spring MVC, whose
 * blocking JDBC store, Spring Security filter chain and actuator need no reactive rewrite. WebFlux would give the same
 * thread economy, but the database store is blocking anyway and would run on an offload pool either way.
 */
@NullMarked
package dev.holdfast.lock.server;

import org.jspecify.annotations.NullMarked;
