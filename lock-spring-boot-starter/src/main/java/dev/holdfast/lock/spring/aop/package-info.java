/**
 * The {@link dev.holdfast.lock.spring.aop.Locked @Locked} annotation and the Spring AOP advisor that applies it:
 * expressions for key, owner and priority, conflict policies, a minimum hold for scheduled jobs, locks held until a
 * returned future completes, and checks at startup.
 */
@NullMarked
package dev.holdfast.lock.spring.aop;

import org.jspecify.annotations.NullMarked;
