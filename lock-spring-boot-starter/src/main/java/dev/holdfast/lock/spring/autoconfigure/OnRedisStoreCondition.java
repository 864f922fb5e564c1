package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.spring.autoconfigure.HoldfastProperties.Store;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code holdfast.store} is {@code redis}, or {@code auto} or unset (detection). */
class OnRedisStoreCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty(LockStoreAutoConfiguration.PROPERTY, "auto");
        Store store;
        try {
            store = LockStoreAutoConfiguration.parse(value);
        } catch (LockStoreConfigurationException ex) {
            return ConditionOutcome.noMatch(LockStoreAutoConfiguration.PROPERTY + " is unknown '" + value + "'");
        }
        if (store == Store.REDIS || store == Store.AUTO) {
            return ConditionOutcome.match(LockStoreAutoConfiguration.PROPERTY + " is '" + value + "'");
        }
        return ConditionOutcome.noMatch(LockStoreAutoConfiguration.PROPERTY + " is '" + value + "'");
    }
}
