package dev.holdfast.lock.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@code holdfast.store} the application cannot have (unknown, or missing what it needs) and names the
 * property to change; runs before Spring Boot's binding analyzer so that an unknown value gets this explanation.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class LockStoreFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockStoreConfigurationException store) {
                return new FailureAnalysis(store.getMessage(), store.getAction(), store);
            }
            if (cause instanceof BindException bind
                    && bind.getName().toString().equals(LockStoreAutoConfiguration.PROPERTY)) {
                Object value = (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
                return new FailureAnalysis(
                        LockStoreAutoConfiguration.PROPERTY + " is '" + value
                                + "', which is not a Holdfast lock store.",
                        LockStoreAutoConfiguration.chooseAction(),
                        bind);
            }
        }
        return null;
    }
}
