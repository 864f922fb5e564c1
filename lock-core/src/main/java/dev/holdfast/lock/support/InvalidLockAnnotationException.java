package dev.holdfast.lock.support;

import dev.holdfast.lock.LockException;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Thrown at startup (or on the first call of a method no bean declared) for a method whose lock annotation cannot work
 * as written, naming the annotation, the method, each fault with its fix, and what to change.
 */
public class InvalidLockAnnotationException extends LockException {

    private final String annotation;

    private final String method;

    private final List<String> faults;

    private final String action;

    /**
     * Create the exception.
     *
     * @param annotation the annotation type
     * @param method the method, as {@code Class.method(ParameterTypes)}
     * @param faults what is wrong, one sentence each naming the attribute, its value and the fix
     * @param action what to change, in general terms, for a failure analysis
     */
    public InvalidLockAnnotationException(
            Class<? extends Annotation> annotation, String method, List<String> faults, String action) {
        super("@" + annotation.getSimpleName() + " method " + method + " is misconfigured: "
                + String.join("; ", faults));
        this.annotation = annotation.getSimpleName();
        this.method = method;
        this.faults = List.copyOf(faults);
        this.action = action;
    }

    /**
     * Return the annotation's simple name, such as {@code Locked}.
     *
     * @return the name
     */
    public String getAnnotation() {
        return this.annotation;
    }

    /**
     * Return the method.
     *
     * @return the method, as {@code Class.method(ParameterTypes)}
     */
    public String getMethod() {
        return this.method;
    }

    /**
     * Return the faults.
     *
     * @return one sentence each
     */
    public List<String> getFaults() {
        return this.faults;
    }

    /**
     * Return what to change.
     *
     * @return the action
     */
    public String getAction() {
        return this.action;
    }
}
