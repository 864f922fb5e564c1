/**
 * What Holdfast's annotations share, in whichever module they live ({@code @Locked} in the starter,
 * {@code @LockRows} and {@code @OfflineLocked} in the JPA module): one SpEL evaluator, whose expressions are parsed
 * once per method, and one startup check of every annotated bean method, which fails naming the method, the attribute
 * and the fix, and warns where a bean calls its own guarded method past its proxy. Needs Spring on the class path.
 * These are integration types for Holdfast's modules (as Spring's {@code *.support} packages are), not for
 * application code.
 */
@NullMarked
package dev.holdfast.lock.support;

import org.jspecify.annotations.NullMarked;
