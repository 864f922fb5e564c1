package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockOperations;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Gives the owner of a {@link Locked} call whose annotation names none. Declare a bean of this type to replace the
 * standard one (for example to lock on behalf of the signed-in user). Implementations must be thread-safe, and should
 * keep owners unique per thread unless calls on several threads are meant to share a lock.
 */
@FunctionalInterface
public interface LockOwnerResolver {

    /**
     * Resolve the owner of one call.
     *
     * @param method the annotated method
     * @param arguments the call's arguments
     * @return the owner, not blank
     */
    String resolve(Method method, @Nullable Object[] arguments);

    /**
     * Return the standard resolver: the template's {@link LockOperations#defaultOwner() default owner}, this instance
     * and the calling thread, so that nested calls on one thread re-enter and other threads are refused.
     *
     * @param template the template
     * @return the resolver
     */
    static LockOwnerResolver perThread(LockOperations template) {
        return (method, arguments) -> template.defaultOwner();
    }
}
