package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring AOP advisor that applies {@link Mailbox}, registered by {@link MailboxConfiguration}. The beans a call
 * needs ({@link Mailboxes} and the application's {@link JsonMapper}, or Jackson's shared one when it has none) are
 * looked up on first use, so the advisor can be created early.
 */
final class MailboxAdvisor extends AbstractPointcutAdvisor {

    private final Pointcut pointcut = new AnnotationMatchingPointcut(null, Mailbox.class, true);

    private final MailboxMethods methods;

    private final MailboxBeans beans;

    private final SingletonSupplier<JsonFrames> frames;

    private final Advice advice;

    MailboxAdvisor(ListableBeanFactory beanFactory, int order) {
        LockExpressionEvaluator evaluator = new LockExpressionEvaluator(beanFactory);
        SingletonSupplier<JsonMapper> mapper = SingletonSupplier.of(
                () -> beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared));
        this.methods = new MailboxMethods(evaluator, mapper);
        this.beans = new MailboxBeans(this.methods, beanFactory);
        this.frames = SingletonSupplier.of(() -> new JsonFrames(mapper.obtain()));
        SingletonSupplier<Mailboxes> mailboxes = SingletonSupplier.of(() -> beanFactory.getBean(Mailboxes.class));
        this.advice = new MailboxInterceptor(
                this.methods,
                evaluator,
                this.beans,
                mailboxes,
                this.frames,
                (beanFactory instanceof ConfigurableBeanFactory configurable)
                        ? configurable.getBeanClassLoader()
                        : null);
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

    MailboxBeans beans() {
        return this.beans;
    }

    /** Return the handler of a mailbox type's frames. */
    BeanMethodFrames handler(String type, BeanFactory beanFactory) {
        return new BeanMethodFrames(type, beanFactory, this.methods, this.frames);
    }
}
