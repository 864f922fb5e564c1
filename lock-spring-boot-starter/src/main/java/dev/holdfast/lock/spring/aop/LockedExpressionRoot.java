package dev.holdfast.lock.spring.aop;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * The {@code #root} of {@link Locked} expressions: {@code #root.method}, {@code #root.args}, {@code #root.target} and
 * {@code #root.targetClass}.
 */
public final class LockedExpressionRoot {

    private final Method method;

    private final @Nullable Object[] args;

    private final @Nullable Object target;

    private final Class<?> targetClass;

    LockedExpressionRoot(Method method, @Nullable Object[] args, @Nullable Object target, Class<?> targetClass) {
        this.method = method;
        this.args = args;
        this.target = target;
        this.targetClass = targetClass;
    }

    /**
     * Return the called method.
     *
     * @return the method
     */
    public Method getMethod() {
        return this.method;
    }

    /**
     * Return the call's arguments.
     *
     * @return the arguments
     */
    public @Nullable Object[] getArgs() {
        return this.args;
    }

    /**
     * Return the bean called.
     *
     * @return the target, {@code null} when not known
     */
    public @Nullable Object getTarget() {
        return this.target;
    }

    /**
     * Return the class of the bean called.
     *
     * @return the target class
     */
    public Class<?> getTargetClass() {
        return this.targetClass;
    }
}
