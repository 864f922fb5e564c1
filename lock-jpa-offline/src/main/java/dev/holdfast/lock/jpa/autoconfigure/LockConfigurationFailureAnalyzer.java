package dev.holdfast.lock.jpa.autoconfigure;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a property of this module the application cannot start with: the description names the property, its
 * value and where it was set, the action what to set. It runs before Spring Boot's binding analyzer, so that a value
 * rejected while binding gets this explanation.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class LockConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<LockConfigurationException> {

    private final Environment environment;

    LockConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage() + origin(cause.getProperty()), cause.getAction(), cause);
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
