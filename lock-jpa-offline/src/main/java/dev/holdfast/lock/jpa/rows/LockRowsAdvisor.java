package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;

/**
 * The Spring AOP advisor that applies {@link LockRows}, registered by {@link LockRowsConfiguration}. Its order must put
 * it outside the transaction advisor (a smaller number than {@code @Transactional}'s), so that the row-locking
 * transaction is the outermost one.
 */
final class LockRowsAdvisor extends AbstractPointcutAdvisor {

    private final Pointcut pointcut = AnnotationMatchingPointcut.forMethodAnnotation(LockRows.class);

    private final LockRowsMethods methods;

    private final Advice advice;

    /**
     * Create the advisor.
     *
     * @param rowLocks supplies the row locks when a method is first called (late, so the advisor can be created early)
     * @param beanFactory what {@code @bean} in expressions names
     * @param order the advisor's order
     */
    LockRowsAdvisor(Supplier<RowLocks> rowLocks, @Nullable BeanFactory beanFactory, int order) {
        LockExpressionEvaluator evaluator = new LockExpressionEvaluator(beanFactory);
        this.methods = new LockRowsMethods(evaluator);
        this.advice = new LockRowsInterceptor(rowLocks, this.methods, evaluator);
        setOrder(order);
    }

    @Override
    public Pointcut getPointcut() {
        return this.pointcut;
    }

    @Override
    public Advice getAdvice() {
        return this.advice;
    }

    LockRowsMethods methods() {
        return this.methods;
    }
}
