package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.LockException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code holdfast.*} property holds a value Holdfast cannot work with, or names a store the
 * application cannot provide; {@link LockConfigurationFailureAnalyzer} turns it into a description naming the property
 * and the value, and an action saying what to set.
 */
final class LockConfigurationException extends LockException {

    private final String property;

    private final String action;

    /**
     * Create the exception.
     *
     * @param property the property at fault, such as {@code holdfast.default-lease}
     * @param problem what is wrong, naming the property and the value
     * @param action what to set, naming the property
     */
    LockConfigurationException(String property, String problem, String action) {
        super(problem);
        this.property = property;
        this.action = action;
    }

    /**
     * Reject a value: "{@code <property> is '<value>': <rule>}".
     *
     * @param property the property
     * @param value its value
     * @param rule what a value must be
     * @param action what to set
     * @return the exception, to throw
     */
    static LockConfigurationException invalid(String property, @Nullable Object value, String rule, String action) {
        return new LockConfigurationException(property, property + " is '" + value + "': " + rule, action);
    }

    String getProperty() {
        return this.property;
    }

    String getAction() {
        return this.action;
    }
}
