package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.reactive.ReactiveLockTemplate;
import dev.holdfast.lock.spring.observation.DefaultLockedCallObservationConvention;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation;
import dev.holdfast.lock.spring.observation.LockOutcome;
import dev.holdfast.lock.spring.observation.LockedCallContext;
import dev.holdfast.lock.spring.observation.LockedCallObservationConvention;
import io.micrometer.observation.Observation;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.aop.ProxyMethodInvocation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link Locked} path of methods returning a Reactor {@code Mono} or {@code Flux}, through
 * {@link ReactiveLockTemplate}: nothing happens at the call; each subscription acquires the lock (a new owner unless
 * the annotation names one), invokes the method, subscribes to what it returned, and releases the lock when that
 * completes, fails or is cancelled. A conflict errors the publisher with {@link LockNotAcquiredException}, or, with
 * {@link OnConflict#SKIP}, completes it empty. Each subscription is one observation, as a blocking call is. Only
 * loaded when Reactor is on the class path (a method returning {@code Mono} or {@code Flux} needs it).
 */
final class ReactiveLockedCalls {

    private static final LockedCallObservationConvention DEFAULT_CONVENTION =
            new DefaultLockedCallObservationConvention();

    private final LockedInterceptor.LockedSupport support;

    ReactiveLockedCalls(LockedInterceptor.LockedSupport support) {
        this.support = support;
    }

    /**
     * Return the method's publisher, locked per subscription.
     *
     * @param locked the parsed annotation
     * @param invocation the call, invoked again (a clone) on each subscription
     * @param request the lock request, its key and priority evaluated at the call
     * @param targetClass the bean's class
     * @return a {@code Mono} or a {@code Flux}, as the method declares
     */
    Object call(LockedMethod locked, MethodInvocation invocation, LockRequest request, Class<?> targetClass) {
        if (locked.returns() == LockedMethod.Returns.MONO) {
            return Mono.usingWhen(
                    Mono.fromSupplier(() -> start(locked, targetClass)),
                    (observation) -> Mono.from(locked(locked, invocation, request, observation, true)),
                    ReactiveLockedCalls::stop,
                    ReactiveLockedCalls::stop,
                    ReactiveLockedCalls::stop);
        }
        return Flux.usingWhen(
                Mono.fromSupplier(() -> start(locked, targetClass)),
                (observation) -> locked(locked, invocation, request, observation, false),
                ReactiveLockedCalls::stop,
                ReactiveLockedCalls::stop,
                ReactiveLockedCalls::stop);
    }

    private Publisher<Object> locked(
            LockedMethod locked,
            MethodInvocation invocation,
            LockRequest request,
            Observation observation,
            boolean mono) {
        LockedCallContext context = (LockedCallContext) observation.getContext();
        ReactiveLockTemplate reactive = this.support.reactiveTemplate();
        LockRequest subscription = (locked.owner() != null)
                ? request
                : request.withOwner(reactive.template().asyncOwner());
        Function<LockNotAcquiredException, Boolean> skip = (refused) -> {
            context.setOutcome(LockOutcome.of(refused.result().reason()));
            return locked.onConflict() == OnConflict.SKIP;
        };
        if (mono) {
            return reactive.execute(subscription, locked.minHold(), (lease) -> {
                        context.setOutcome(LockOutcome.ACQUIRED);
                        return Mono.from(proceed(invocation));
                    })
                    .onErrorResume(
                            LockNotAcquiredException.class,
                            (refused) -> skip.apply(refused) ? Mono.empty() : Mono.error(refused));
        }
        return reactive.executeMany(subscription, locked.minHold(), (lease) -> {
                    context.setOutcome(LockOutcome.ACQUIRED);
                    return proceed(invocation);
                })
                .onErrorResume(
                        LockNotAcquiredException.class,
                        (refused) -> skip.apply(refused) ? Flux.empty() : Flux.error(refused));
    }

    private Observation start(LockedMethod locked, Class<?> targetClass) {
        LockedCallContext context =
                new LockedCallContext(locked.name(), this.support.template().storeName(), locked.method(), targetClass);
        return LockObservationDocumentation.LOCKED_CALL
                .observation(this.support.convention(), DEFAULT_CONVENTION, () -> context, this.support.observations())
                .start();
    }

    private static Mono<Void> stop(Observation observation) {
        return Mono.fromRunnable(observation::stop);
    }

    private static Mono<Void> stop(Observation observation, Throwable error) {
        return Mono.fromRunnable(() -> {
            LockedCallContext context = (LockedCallContext) observation.getContext();
            if (context.getOutcome() == LockOutcome.UNKNOWN) {
                context.setOutcome(LockOutcome.ERROR);
            }
            observation.error(error);
            observation.stop();
        });
    }

    /** Invoke the method for one subscription: a clone of the call, so that each subscription runs it afresh. */
    @SuppressWarnings("unchecked")
    private static <T> Publisher<T> proceed(MethodInvocation invocation) {
        try {
            MethodInvocation call =
                    (invocation instanceof ProxyMethodInvocation proxy) ? proxy.invocableClone() : invocation;
            @Nullable Object value = call.proceed();
            return (value != null) ? (Publisher<T>) value : Flux.empty();
        } catch (Throwable ex) {
            return Flux.error(ex);
        }
    }
}
