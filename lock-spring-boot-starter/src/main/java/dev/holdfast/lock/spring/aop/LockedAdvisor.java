package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.reactive.ReactiveLockTemplate;
import dev.holdfast.lock.spring.observation.LockedCallObservationConvention;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import io.micrometer.observation.ObservationRegistry;
import java.util.Optional;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * The Spring AOP advisor that applies {@link Locked}, registered by {@link LockedConfiguration}. It matches annotated
 * methods of classes and of the interfaces they implement. Its order must be smaller than the transaction advisor's
 * so that the lock wraps the transaction.
 *
 * <p>The beans a call needs ({@link LockTemplate}, and if present {@link LockedDefaults}, {@link LockKeyResolver},
 * {@link LockOwnerResolver}, {@link ObservationRegistry} and {@link LockedCallObservationConvention}) are looked up
 * on the first call, so the advisor can be created early.
 */
final class LockedAdvisor extends AbstractPointcutAdvisor {

    private static final LockedDefaults DEFAULTS =
            new LockedDefaults(LockRequest.DEFAULT_LEASE, LockRequest.DEFAULT_WAIT);

    private final Pointcut pointcut = new AnnotationMatchingPointcut(null, Locked.class, true);

    private final LockedMethods methods;

    private final Advice advice;

    /**
     * Create the advisor.
     *
     * @param beanFactory where the beans a call needs are found, and what {@code @bean} in expressions names
     * @param order the advisor's order
     */
    LockedAdvisor(BeanFactory beanFactory, int order) {
        LockExpressionEvaluator evaluator = new LockExpressionEvaluator(beanFactory);
        this.methods = new LockedMethods(
                evaluator,
                (beanFactory instanceof ConfigurableBeanFactory configurable)
                        ? configurable::resolveEmbeddedValue
                        : null);
        this.advice = new LockedInterceptor(this.methods, evaluator, new BeanFactorySupport(beanFactory));
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

    LockedMethods methods() {
        return this.methods;
    }

    /** Finds the beans a call needs once, on first use. */
    private static final class BeanFactorySupport implements LockedInterceptor.LockedSupport {

        private final SingletonSupplier<LockTemplate> template;

        /** Typed as Object so that nothing of Reactor is loaded before a Mono or Flux method is called. */
        private final SingletonSupplier<Object> reactiveTemplate;

        private final SingletonSupplier<LockedDefaults> defaults;

        private final SingletonSupplier<LockKeyResolver> keys;

        private final SingletonSupplier<LockOwnerResolver> owners;

        private final SingletonSupplier<ObservationRegistry> observations;

        private final SingletonSupplier<Optional<LockedCallObservationConvention>> convention;

        BeanFactorySupport(BeanFactory beanFactory) {
            this.template = SingletonSupplier.of(() -> beanFactory.getBean(LockTemplate.class));
            this.reactiveTemplate = SingletonSupplier.of(() -> reactiveTemplate(beanFactory));
            this.defaults = SingletonSupplier.of(
                    () -> beanFactory.getBeanProvider(LockedDefaults.class).getIfAvailable(() -> DEFAULTS));
            this.keys = SingletonSupplier.of(
                    () -> beanFactory.getBeanProvider(LockKeyResolver.class).getIfAvailable(LockKeyResolver::standard));
            this.owners = SingletonSupplier.of(() -> beanFactory
                    .getBeanProvider(LockOwnerResolver.class)
                    .getIfAvailable(() -> LockOwnerResolver.perThread(template())));
            this.observations = SingletonSupplier.of(() -> beanFactory
                    .getBeanProvider(ObservationRegistry.class)
                    .getIfAvailable(() -> ObservationRegistry.NOOP));
            this.convention = SingletonSupplier.of(() -> Optional.ofNullable(beanFactory
                    .getBeanProvider(LockedCallObservationConvention.class)
                    .getIfAvailable()));
        }

        @Override
        public LockTemplate template() {
            return this.template.obtain();
        }

        @Override
        public ReactiveLockTemplate reactiveTemplate() {
            return (ReactiveLockTemplate) this.reactiveTemplate.obtain();
        }

        private Object reactiveTemplate(BeanFactory beanFactory) {
            return beanFactory
                    .getBeanProvider(ReactiveLockTemplate.class)
                    .getIfAvailable(() -> ReactiveLockTemplate.of(template()));
        }

        @Override
        public LockedDefaults defaults() {
            return this.defaults.obtain();
        }

        @Override
        public LockKeyResolver keys() {
            return this.keys.obtain();
        }

        @Override
        public LockOwnerResolver owners() {
            return this.owners.obtain();
        }

        @Override
        public ObservationRegistry observations() {
            return this.observations.obtain();
        }

        @Override
        public @Nullable LockedCallObservationConvention convention() {
            return this.convention.obtain().orElse(null);
        }
    }
}
