package dev.holdfast.lock.spring.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;

/** Parses {@link Locked} expressions once per method and builds the context they are evaluated in. */
final class LockedExpressionEvaluator extends CachedExpressionEvaluator {

    private final Map<ExpressionKey, Expression> cache = new ConcurrentHashMap<>();

    private final @Nullable BeanFactory beanFactory;

    LockedExpressionEvaluator(@Nullable BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Parse an expression of a method, or return the one parsed before.
     *
     * @throws org.springframework.expression.ParseException when it is not valid SpEL
     */
    Expression parse(Method method, Class<?> targetClass, String expression) {
        return getExpression(this.cache, new AnnotatedElementKey(method, targetClass), expression);
    }

    EvaluationContext context(Method method, @Nullable Object[] args, @Nullable Object target, Class<?> targetClass) {
        LockedExpressionRoot root = new LockedExpressionRoot(method, args, target, targetClass);
        MethodBasedEvaluationContext context =
                new MethodBasedEvaluationContext(root, method, args, getParameterNameDiscoverer());
        if (this.beanFactory != null) {
            context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
        }
        return context;
    }
}
