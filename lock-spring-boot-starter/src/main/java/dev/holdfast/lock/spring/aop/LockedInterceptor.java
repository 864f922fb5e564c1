package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.observation.DefaultLockedCallObservationConvention;
import dev.holdfast.lock.spring.observation.LockObservationDocumentation;
import dev.holdfast.lock.spring.observation.LockedCallContext;
import dev.holdfast.lock.spring.observation.LockedCallContext.Outcome;
import dev.holdfast.lock.spring.observation.LockedCallObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;

/** Acquires the lock of a {@link Locked} method around the call, inside an observation. */
final class LockedInterceptor implements MethodInterceptor {

    private static final LockedCallObservationConvention DEFAULT_CONVENTION =
            new DefaultLockedCallObservationConvention();

    private final LockedMethods methods;

    private final LockedExpressionEvaluator evaluator;

    private final LockedSupport support;

    private final AtomicLong calls = new AtomicLong();

    LockedInterceptor(LockedMethods methods, LockedExpressionEvaluator evaluator, LockedSupport support) {
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
        LockRequest request = request(locked, invocation, target, targetClass, template);
        LockedCallContext context =
                new LockedCallContext(locked.name(), template.store().name(), method, targetClass);
        Observation observation = LockObservationDocumentation.LOCKED_CALL
                .observation(this.support.convention(), DEFAULT_CONVENTION, () -> context, this.support.observations())
                .start();
        boolean stopLater = false;
        try (Observation.Scope scope = observation.openScope()) {
            LockResult result = acquire(template, request, context);
            if (result instanceof LockResult.NotAcquired refused) {
                context.setOutcome(
                        (refused.reason() == LockResult.Reason.TIMED_OUT) ? Outcome.TIMED_OUT : Outcome.REFUSED);
                if (locked.onConflict() == OnConflict.SKIP) {
                    return locked.skipped();
                }
                LockNotAcquiredException refusal = new LockNotAcquiredException(refused);
                observation.error(refusal);
                throw refusal;
            }
            context.setOutcome(Outcome.ACQUIRED);
            Lease lease = ((LockResult.Acquired) result).lease();
            Object value = proceed(invocation, lease, locked);
            if (locked.returns() == LockedMethod.Returns.FUTURE && value != null) {
                stopLater = true;
                return releaseOnCompletion((CompletionStage<?>) value, lease, locked, observation);
            }
            release(lease, locked, null);
            return value;
        } catch (Throwable ex) {
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

    private static LockResult acquire(LockTemplate template, LockRequest request, LockedCallContext context) {
        try {
            return template.tryAcquire(request);
        } catch (RuntimeException ex) {
            context.setOutcome(Outcome.ERROR);
            throw ex;
        }
    }

    private static @Nullable Object proceed(MethodInvocation invocation, Lease lease, LockedMethod locked)
            throws Throwable {
        try {
            return LockTemplate.withCurrentLease(lease, (current) -> invocation.proceed());
        } catch (Throwable ex) {
            release(lease, locked, ex);
            throw ex;
        }
    }

    private static CompletableFuture<@Nullable Object> releaseOnCompletion(
            CompletionStage<?> stage, Lease lease, LockedMethod locked, Observation observation) {
        CompletableFuture<@Nullable Object> done = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Throwable failure = error;
            try {
                release(lease, locked, error);
            } catch (RuntimeException releaseFailure) {
                failure = releaseFailure;
            }
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(value);
            }
        });
        return done;
    }

    /**
     * Release after the call, or leave the lock to expire at the end of its minimum hold. A lease lost while the
     * method ran throws {@link dev.holdfast.lock.LockLostException}, suppressed into the method's own exception if any.
     */
    private static void release(Lease lease, LockedMethod locked, @Nullable Throwable callFailure) {
        try {
            if (locked.minHold().isZero() || !lease.isHeld()) {
                lease.close();
            } else {
                lease.releaseAfter(locked.minHold());
            }
        } catch (RuntimeException ex) {
            if (callFailure == null) {
                throw ex;
            }
            callFailure.addSuppressed(ex);
        }
    }

    private LockRequest request(
            LockedMethod locked,
            MethodInvocation invocation,
            @Nullable Object target,
            Class<?> targetClass,
            LockTemplate template) {
        Method method = invocation.getMethod();
        @Nullable Object[] args = invocation.getArguments();
        EvaluationContext context =
                (locked.key() != null || locked.owner() != null || locked.priorityExpression() != null)
                        ? this.evaluator.context(method, args, target, targetClass)
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
