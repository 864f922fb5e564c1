package dev.holdfast.lock.spring.autoconfigure;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnLockStore}: binds {@code holdfast.store} with Spring Boot's {@link Binder}
 * (conditions run before any {@code @ConfigurationProperties} bean exists), as Boot's own cache condition binds
 * {@code spring.cache.type}.
 */
class OnLockStoreCondition extends SpringBootCondition {

    static final String PROPERTY = "holdfast.store";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        MergedAnnotation<ConditionalOnLockStore> annotation =
                metadata.getAnnotations().get(ConditionalOnLockStore.class);
        LockStoreType required =
                annotation.getEnum("value", LockStoreType.class).canonical();
        ConditionMessage.Builder message = ConditionMessage.forCondition(
                ConditionalOnLockStore.class, "(" + required.name().toLowerCase(Locale.ROOT) + ")");
        LockStoreType chosen;
        try {
            chosen = chosen(context.getEnvironment());
        } catch (BindException ex) {
            return ConditionOutcome.noMatch(message.because(PROPERTY + " names no lock store"));
        }
        if (chosen == required) {
            return ConditionOutcome.match(message.because(PROPERTY + " is " + name(chosen)));
        }
        if (chosen == LockStoreType.AUTO && annotation.getBoolean("matchIfAuto")) {
            return ConditionOutcome.match(message.because(PROPERTY + " is auto: the store is detected"));
        }
        return ConditionOutcome.noMatch(message.because(PROPERTY + " is " + name(chosen)));
    }

    /** Return the store {@code holdfast.store} selects (never the {@code jpa} alias), auto when it is unset. */
    private static LockStoreType chosen(Environment environment) {
        return Binder.get(environment)
                .bind(PROPERTY, LockStoreType.class)
                .map(LockStoreType::canonical)
                .orElse(LockStoreType.AUTO);
    }

    private static String name(LockStoreType store) {
        return store.name().toLowerCase(Locale.ROOT);
    }
}
