package dev.holdfast.lock.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a {@code holdfast.*} property the application cannot start with (a value out of range, an unknown store, a
 * store the application cannot provide): the description names the property, its value and where it was set, the
 * action what to set. It runs before Spring Boot's binding analyzer, so that a value rejected while binding gets this
 * explanation.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class LockConfigurationFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    LockConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockConfigurationException invalid) {
                return new FailureAnalysis(
                        invalid.getMessage() + origin(invalid.getProperty()), invalid.getAction(), invalid);
            }
            if (cause instanceof BindException bind
                    && bind.getName().toString().equals(OnLockStoreCondition.PROPERTY)) {
                Object value = (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
                return new FailureAnalysis(
                        OnLockStoreCondition.PROPERTY + " is '" + value + "', which is not a Holdfast lock store."
                                + origin(OnLockStoreCondition.PROPERTY),
                        LockStoreAutoConfiguration.chooseAction(),
                        bind);
            }
        }
        return null;
    }

    private String origin(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return (found.getOrigin() != null) ? "\n\nThe value comes from " + found.getOrigin() + "." : "";
            }
        }
        return "";
    }
}
