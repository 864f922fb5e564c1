package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.jpa.offline.InvalidLockTargetException;
import dev.holdfast.lock.jpa.offline.LockTarget;
import dev.holdfast.lock.jpa.offline.OfflineLockRefusedException;
import dev.holdfast.lock.jpa.offline.OfflineLockResult;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Acquires the offline lock of handlers annotated with {@link OfflineLocked} before they run, for the holder named by
 * the {@link HolderResolver}, and settles it when the request completes. A refusal is thrown as
 * {@link OfflineLockRefusedException}, which {@link OfflineLockProblemHandler} answers with 412. The lock is taken with
 * {@link OfflineLocks#takeOrRenew}, so the requests of one edit share one hold; a request that fails (an exception, or
 * a status of 400 or more) releases the lock if it took it, and leaves a lock the holder had before. Annotations are
 * parsed once per method. Thread-safe.
 */
public class OfflineLockInterceptor implements HandlerInterceptor {

    private static final String HELD = OfflineLockInterceptor.class.getName() + ".held";

    private final SpelExpressionParser parser = new SpelExpressionParser();

    private final Map<Method, Guard> guards = new ConcurrentHashMap<>();

    private final OfflineLocks locks;

    private final HolderResolver holderResolver;

    /**
     * Create the interceptor.
     *
     * @param locks where locks are taken
     * @param holderResolver names the current user
     */
    public OfflineLockInterceptor(OfflineLocks locks, HolderResolver holderResolver) {
        this.locks = locks;
        this.holderResolver = holderResolver;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ASYNC) {
            return true; // an async dispatch completes a request whose lock the first dispatch took
        }
        Guard guard = this.guards.computeIfAbsent(method.getMethod(), this::parse);
        if (guard == Guard.NONE) {
            return true;
        }
        String holder = this.holderResolver.resolveHolder(request);
        if (holder == null || holder.isBlank()) {
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED);
        }
        LockTarget target = LockTarget.of(guard.type(), evaluateId(guard, request));
        OfflineLockResult result = this.locks.takeOrRenew(target, holder, guard.reason());
        if (result instanceof OfflineLockResult.Refused refused) {
            throw new OfflineLockRefusedException(refused);
        }
        boolean taken = ((OfflineLockResult.Acquired) result).addedHold(target);
        request.setAttribute(HELD, new Held(target, holder, taken, guard.release()));
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (!(request.getAttribute(HELD) instanceof Held held)) {
            return;
        }
        request.removeAttribute(HELD); // settled once, not again by an error dispatch of the same request
        boolean failed = ex != null || response.getStatus() >= 400;
        boolean release = failed ? held.taken() : held.release() == OfflineLocked.Release.AFTER_SUCCESS;
        if (release) {
            this.locks.release(held.target(), held.holder());
        }
    }

    private @Nullable Object evaluateId(Guard guard, HttpServletRequest request) {
        StandardEvaluationContext context = new StandardEvaluationContext();
        request.getParameterMap().forEach((name, values) -> context.setVariable(name, values[0]));
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> context.setVariable(name.toString(), value));
        }
        context.setVariable("request", request);
        try {
            return guard.id().getValue(context);
        } catch (EvaluationException ex) {
            throw new InvalidLockTargetException("Lock target [" + guard.type() + "] id expression ["
                    + guard.id().getExpressionString() + "] failed: " + ex.getMessage());
        }
    }

    private Guard parse(Method method) {
        OfflineLocked annotation = AnnotatedElementUtils.findMergedAnnotation(method, OfflineLocked.class);
        if (annotation == null) {
            return Guard.NONE;
        }
        try {
            String reason = annotation.reason().isEmpty() ? null : annotation.reason();
            return new Guard(
                    annotation.type(), this.parser.parseExpression(annotation.id()), reason, annotation.release());
        } catch (ParseException ex) {
            throw new InvalidLockTargetException("@OfflineLocked on " + method + ": id expression [" + annotation.id()
                    + "] is not valid SpEL: " + ex.getMessage());
        }
    }

    /** A parsed {@link OfflineLocked}. */
    private record Guard(
            String type, @Nullable Expression id, @Nullable String reason, OfflineLocked.Release release) {

        static final Guard NONE = new Guard("-", null, null, OfflineLocked.Release.KEEP);
    }

    /** The lock a request holds: whether the request took it (rather than renewed it), and when to release it. */
    private record Held(LockTarget target, String holder, boolean taken, OfflineLocked.Release release) {}
}
