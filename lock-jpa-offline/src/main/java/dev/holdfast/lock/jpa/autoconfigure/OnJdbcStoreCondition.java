package dev.holdfast.lock.jpa.autoconfigure;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code holdfast.store} is {@code jdbc} or {@code jpa}, or is not set (auto-detection). */
class OnJdbcStoreCondition extends SpringBootCondition {

    static final String PROPERTY = "holdfast.store";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String store = context.getEnvironment().getProperty(PROPERTY);
        if (store == null || store.isBlank()) {
            return ConditionOutcome.match(PROPERTY + " is not set: the store is auto-detected");
        }
        String value = store.strip().toLowerCase(Locale.ROOT);
        if (value.equals("jdbc") || value.equals("jpa") || value.equals("auto")) {
            return ConditionOutcome.match(PROPERTY + " is " + store);
        }
        return ConditionOutcome.noMatch(PROPERTY + " is " + store);
    }
}
