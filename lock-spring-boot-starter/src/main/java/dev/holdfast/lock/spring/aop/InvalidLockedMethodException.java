package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockException;
import java.util.List;

/** Thrown at startup for a {@link Locked} method that cannot work as annotated, naming the method and each fault. */
public class InvalidLockedMethodException extends LockException {

    private final String method;

    private final List<String> faults;

    /**
     * Create the exception.
     *
     * @param method the method, as {@code Class.method(ParameterTypes)}
     * @param faults what is wrong, one sentence each
     */
    public InvalidLockedMethodException(String method, List<String> faults) {
        super("@Locked method " + method + " is misconfigured: " + String.join("; ", faults));
        this.method = method;
        this.faults = List.copyOf(faults);
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
}
