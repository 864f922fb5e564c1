package dev.holdfast.lock.jpa.rows;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;

/** Runs a {@link LockRows} method through {@link RowLocks}, one fresh invocation per attempt. */
final class LockRowsInterceptor implements MethodInterceptor {

    private final Supplier<RowLocks> rowLocks;

    private final LockRowsExpressionEvaluator evaluator = new LockRowsExpressionEvaluator();

    private final Map<Method, Expression> expressions = new ConcurrentHashMap<>();

    LockRowsInterceptor(Supplier<RowLocks> rowLocks) {
        this.rowLocks = rowLocks;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Class<?> targetClass = (target != null)
                ? AopUtils.getTargetClass(target)
                : invocation.getMethod().getDeclaringClass();
        Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
        Expression expression = this.expressions.computeIfAbsent(method, (key) -> parse(key, targetClass));
        Object rows = this.evaluator.evaluate(expression, method, target, invocation.getArguments());
        Collection<?> entities = (rows instanceof Collection<?> collection) ? collection : List.of(rows);
        try {
            return this.rowLocks.get().inTransactionWithLocks(entities, (status) -> proceed(invocation));
        } catch (InvocationFailure failure) {
            throw failure.getCause();
        }
    }

    private Expression parse(Method method, Class<?> targetClass) {
        LockRows annotation = AnnotatedElementUtils.findMergedAnnotation(method, LockRows.class);
        if (annotation == null || annotation.value().length == 0) {
            throw new IllegalStateException("@LockRows on " + method + " names no rows");
        }
        return this.evaluator.parse(method, targetClass, annotation.value());
    }

    private static @Nullable Object proceed(MethodInvocation invocation) {
        try {
            MethodInvocation attempt =
                    (invocation instanceof ProxyMethodInvocation proxy) ? proxy.invocableClone() : invocation;
            return attempt.proceed();
        } catch (RuntimeException | Error ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new InvocationFailure(ex);
        }
    }

    /** Carries a checked exception of the method out of the transaction callback, to be rethrown unchanged. */
    private static final class InvocationFailure extends RuntimeException {

        InvocationFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
