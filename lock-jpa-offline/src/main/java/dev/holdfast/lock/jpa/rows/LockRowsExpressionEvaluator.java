package dev.holdfast.lock.jpa.rows;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.Expression;

/** Evaluates {@link LockRows} expressions, each parsed once per method and cached. */
final class LockRowsExpressionEvaluator extends CachedExpressionEvaluator {

    private final Map<ExpressionKey, Expression> cache = new ConcurrentHashMap<>();

    /**
     * Parse the annotation's expressions as one inline list, so {@code "#from, #to"} and {@code {"#from", "#to"}} mean
     * the same.
     */
    Expression parse(Method method, Class<?> targetClass, String[] expressions) {
        String list = "{" + String.join(", ", expressions) + "}";
        return getExpression(this.cache, new AnnotatedElementKey(method, targetClass), list);
    }

    @Nullable
    Object evaluate(Expression expression, Method method, @Nullable Object target, @Nullable Object[] args) {
        MethodBasedEvaluationContext context =
                new MethodBasedEvaluationContext(target, method, args, getParameterNameDiscoverer());
        return expression.getValue(context);
    }
}
