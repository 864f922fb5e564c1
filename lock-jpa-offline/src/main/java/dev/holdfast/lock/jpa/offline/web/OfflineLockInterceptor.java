package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLockNotAcquiredException;
import dev.holdfast.lock.jpa.offline.OfflineLockResult;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.jpa.offline.OfflineLocks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Acquires the offline lock of handlers annotated with {@link OfflineLocked} before they run, for the owner named by
 * the {@link OfflineLockOwnerResolver}, and settles it when the request completes. A lock held by another owner is
 * thrown as {@link OfflineLockNotAcquiredException}, which {@link OfflineLockProblemHandler} answers with 412; an id or
 * owner that is not valid, as {@link OfflineLockBadRequestException} (400). The lock is taken with
 * {@link OfflineLocks#takeOrRenew}, so the requests of one edit share one hold; a request that fails (an exception, or
 * a status of 400 or more) releases the lock if it took it, and leaves a lock the owner had before. Annotations are
 * parsed once per method, by the {@link OfflineLockGuards} the startup check shares. Thread-safe.
 */
final class OfflineLockInterceptor implements HandlerInterceptor {

    private static final String HELD = OfflineLockInterceptor.class.getName() + ".held";

    private final OfflineLockGuards guards;

    private final OfflineLocks locks;

    private final OfflineLockOwnerResolver ownerResolver;

    OfflineLockInterceptor(OfflineLockGuards guards, OfflineLocks locks, OfflineLockOwnerResolver ownerResolver) {
        this.guards = guards;
        this.locks = locks;
        this.ownerResolver = ownerResolver;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ASYNC) {
            return true; // an async dispatch completes a request whose lock the first dispatch took
        }
        OfflineLockGuard guard =
                this.guards.get(method.getMethod(), method.getBeanType()).orElse(null);
        if (guard == null) {
            return true;
        }
        String owner = this.ownerResolver.resolve(request);
        if (owner == null || owner.isBlank()) {
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED);
        }
        LockKey key;
        try {
            key = LockKey.of(guard.namespace(), evaluateId(guard, request));
            LockRequest.validateOwner(key, owner);
        } catch (IllegalArgumentException ex) {
            throw new OfflineLockBadRequestException(ex);
        }
        OfflineLockResult result = this.locks.takeOrRenew(key, owner, guard.reason());
        if (result instanceof OfflineLockResult.NotAcquired notAcquired) {
            throw new OfflineLockNotAcquiredException(notAcquired);
        }
        boolean taken = ((OfflineLockResult.Acquired) result).addedHold(key);
        request.setAttribute(HELD, new Held(key, owner, taken, guard.release()));
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
            this.locks.release(held.key(), held.owner());
        }
    }

    /** Evaluate the id over the request's parameters and path variables, and the request as {@code #request}. */
    private @Nullable Object evaluateId(OfflineLockGuard guard, HttpServletRequest request) {
        Map<String, @Nullable Object> variables = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> variables.put(name, values[0]));
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> path) {
            path.forEach((name, value) -> variables.put(name.toString(), value));
        }
        variables.put("request", request);
        try {
            return guard.id().getValue(this.guards.evaluator().variableContext(variables));
        } catch (EvaluationException ex) {
            throw new IllegalArgumentException("Offline lock id in namespace [" + guard.namespace() + "]: expression ["
                    + guard.id().getExpressionString() + "] failed: " + ex.getMessage());
        }
    }

    /** The lock a request holds: whether the request took it (rather than renewed it), and when to release it. */
    private record Held(LockKey key, String owner, boolean taken, OfflineLocked.Release release) {}
}
