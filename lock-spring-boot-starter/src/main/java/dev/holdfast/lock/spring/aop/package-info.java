/**
 * The {@link dev.holdfast.lock.spring.aop.Locked @Locked} annotation and what applies it,
 * {@link dev.holdfast.lock.spring.aop.LockedConfiguration}: a Spring AOP advisor running each call through
 * {@link dev.holdfast.lock.LockTemplate}'s execution path (a plain lock, a semaphore's permit, or a read or write hold),
 * with expressions for key, owner and priority, conflict policies, a minimum hold for scheduled jobs, locks held until
 * a returned future completes, and checks at startup.
 */
@NullMarked
package dev.holdfast.lock.spring.aop;

import org.jspecify.annotations.NullMarked;
