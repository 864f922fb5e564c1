package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.observation.DefaultLockedCallObservationConvention;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation;
import dev.holdfast.lock.spring.observation.LockOutcome;
import dev.holdfast.lock.spring.observation.LockedCallContext;
import dev.holdfast.lock.spring.observation.LockedCallObservationConvention;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;

/**
 * Runs a {@link Locked} method through {@link LockTemplate}'s execution path (acquire a plain lock, a semaphore's
 * permit or a read or write hold, run, release or keep for the minimum hold, or hold until a returned future
 * completes), inside an observation.
 */
final class LockedInterceptor implements MethodInterceptor {

    private static final LockedCallObservationConvention DEFAULT_CONVENTION =
            new DefaultLockedCallObservationConvention();

    private final LockedMethods methods;

    private final LockExpressionEvaluator evaluator;

    private final LockedSupport support;

    private final AtomicLong calls = new AtomicLong();

    LockedInterceptor(LockedMethods methods, LockExpressionEvaluator evaluator, LockedSupport support) {
        this.methods = methods;
        this.evaluator = evaluator;
        this.support = support;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
        LockedMethod locked = this.methods.get(method, targetClass);
        LockTemplate template = this.support.template();
        LockRequest request = request(locked, invocation, target, targetClass);
        LockedCallContext context =
                new LockedCallContext(locked.name(), template.storeName(), locked.kind(), method, targetClass);
        Observation observation = LockObservationDocumentation.LOCKED_CALL
                .observation(this.support.convention(), DEFAULT_CONVENTION, () -> context, this.support.observations())
                .start();
        boolean stopLater = false;
        try (Observation.Scope scope = observation.openScope()) {
            Function<LockResult.NotAcquired, @Nullable Object> onRefused =
                    (refused) -> refused(locked, context, refused);
            Supplier<LockResult> acquisition = locked.acquisition(template, request);
            if (locked.returns() != LockedMethod.Returns.FUTURE) {
                return template.execute(request.key(), acquisition, locked.minHold(), onRefused, (lease) -> {
                    context.setOutcome(LockOutcome.ACQUIRED);
                    return invocation.proceed();
                });
            }
            CompletableFuture<@Nullable Object> done = template.executeUntilComplete(
                    request.key(),
                    acquisition,
                    locked.minHold(),
                    (refused) -> future(onRefused.apply(refused)),
                    (lease) -> {
                        context.setOutcome(LockOutcome.ACQUIRED);
                        return stage(invocation.proceed());
                    });
            if (done == null || context.getOutcome() != LockOutcome.ACQUIRED) {
                return done;
            }
            stopLater = true;
            return stopOnCompletion(done, observation);
        } catch (Throwable ex) {
            if (context.getOutcome() == LockOutcome.UNKNOWN) {
                context.setOutcome(LockOutcome.ERROR);
            }
            if (context.getError() == null) {
                observation.error(ex);
            }
            throw ex;
        } finally {
            if (!stopLater) {
                observation.stop();
            }
        }
    }

    /** What a call gives when the lock was not acquired: the skipped value, or a {@link LockNotAcquiredException}. */
    private static @Nullable Object refused(
            LockedMethod locked, LockedCallContext context, LockResult.NotAcquired refused) {
        context.setOutcome(LockOutcome.of(refused.reason()));
        if (locked.onConflict() == OnConflict.SKIP) {
            return locked.skipped();
        }
        throw new LockNotAcquiredException(refused);
    }

    /** Stop the observation when the call's future completes, and only then complete the future the caller sees. */
    private static CompletableFuture<@Nullable Object> stopOnCompletion(
            CompletableFuture<@Nullable Object> done, Observation observation) {
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        done.whenComplete((value, failure) -> {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable CompletionStage<@Nullable Object> stage(@Nullable Object value) {
        return (CompletionStage<@Nullable Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable CompletableFuture<@Nullable Object> future(@Nullable Object value) {
        return (CompletableFuture<@Nullable Object>) value;
    }

    private LockRequest request(
            LockedMethod locked, MethodInvocation invocation, @Nullable Object target, Class<?> targetClass) {
        Method method = locked.method();
        @Nullable Object[] args = invocation.getArguments();
        EvaluationContext context =
                (locked.key() != null || locked.owner() != null || locked.priorityExpression() != null)
                        ? this.evaluator.callContext(
                                new LockedExpressionRoot(method, args, target, targetClass), method, args)
                        : null;
        Object keyValue = (locked.key() != null) ? evaluate(locked, "key", locked.key(), context) : null;
        LockKey key = this.support.keys().resolve(method, locked.name(), keyValue);
        String owner;
        if (locked.owner() != null) {
            owner = evaluate(locked, "owner", locked.owner(), context).toString();
        } else {
            owner = this.support.owners().resolve(method, args);
            if (!locked.minHold().isZero()) {
                // A minimum hold outlives the call, so the next call (even on this thread) must be another owner.
                owner = owner + "#" + this.calls.incrementAndGet();
            }
        }
        int priority = (locked.priorityExpression() != null)
                ? priority(locked, evaluate(locked, "priority", locked.priorityExpression(), context))
                : locked.priority();
        LockedDefaults defaults = this.support.defaults();
        return new LockRequest(
                key,
                locked.name(),
                owner,
                priority,
                (locked.lease() != null) ? locked.lease() : defaults.lease(),
                (locked.waitTime() != null) ? locked.waitTime() : defaults.waitTime(),
                locked.autoRenew());
    }

    private static Object evaluate(
            LockedMethod locked, String attribute, Expression expression, @Nullable EvaluationContext context) {
        Object value = expression.getValue(context);
        if (value == null) {
            throw new IllegalArgumentException("@Locked method " + locked.description() + ": " + attribute + " ["
                    + expression.getExpressionString() + "] gave null");
        }
        return value;
    }

    private static int priority(LockedMethod locked, Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("@Locked method " + locked.description() + ": priority ["
                    + locked.priorityExpression().getExpressionString() + "] gave [" + value + "], not an int");
        }
    }

    /** The beans a call needs, looked up on first use so that the advisor can be created early. */
    interface LockedSupport {

        LockTemplate template();

        LockedDefaults defaults();

        LockKeyResolver keys();

        LockOwnerResolver owners();

        ObservationRegistry observations();

        @Nullable
        LockedCallObservationConvention convention();
    }
}
