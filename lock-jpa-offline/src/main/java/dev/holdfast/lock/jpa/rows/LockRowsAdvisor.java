package dev.holdfast.lock.jpa.rows;

import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * The Spring AOP advisor that applies {@link LockRows}; register it as an infrastructure bean. Its order must put it
 * outside the transaction advisor (a smaller number than {@code @Transactional}'s), so that the row-locking transaction
 * is the outermost one.
 */
public final class LockRowsAdvisor extends AbstractPointcutAdvisor {

    private final Pointcut pointcut = AnnotationMatchingPointcut.forMethodAnnotation(LockRows.class);

    private final Advice advice;

    /**
     * Create the advisor.
     *
     * @param rowLocks supplies the row locks when a method is first called (late, so the advisor can be created early)
     * @param order the advisor's order
     */
    public LockRowsAdvisor(Supplier<RowLocks> rowLocks, int order) {
        this.advice = new LockRowsInterceptor(rowLocks);
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
}
