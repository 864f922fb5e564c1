package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;

/** Runs a {@link LockRows} method through {@link RowLocks}, one fresh invocation per attempt. */
final class LockRowsInterceptor implements MethodInterceptor {

    private final Supplier<RowLocks> rowLocks;

    private final LockRowsMethods methods;

    private final LockExpressionEvaluator evaluator;

    LockRowsInterceptor(Supplier<RowLocks> rowLocks, LockRowsMethods methods, LockExpressionEvaluator evaluator) {
        this.rowLocks = rowLocks;
        this.methods = methods;
        this.evaluator = evaluator;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Class<?> targetClass = (target != null)
                ? AopUtils.getTargetClass(target)
                : invocation.getMethod().getDeclaringClass();
        LockRowsMethod locked = this.methods.get(invocation.getMethod(), targetClass);
        Object rows =
                locked.rows().getValue(this.evaluator.callContext(target, locked.method(), invocation.getArguments()));
        Collection<?> entities = (rows instanceof Collection<?> collection) ? collection : List.of(rows);
        try {
            return this.rowLocks.get().execute(entities, (status) -> proceed(invocation));
        } catch (InvocationFailure failure) {
            throw failure.getCause();
        }
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
