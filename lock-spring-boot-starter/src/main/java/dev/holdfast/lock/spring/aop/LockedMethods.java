package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.support.LockAnnotationValidator;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

/**
 * Parses each {@link Locked} method once into a {@link LockedMethod}, checking it, and caches the result: the
 * {@link LockAnnotationValidator}'s check at startup, and the advisor's on a call.
 */
final class LockedMethods {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final Map<MethodClassKey, LockedMethod> cache = new ConcurrentHashMap<>();

    /** How each name is used, by the first method checked that used it: one name is one kind of lock. */
    private final Map<String, NameUse> names = new ConcurrentHashMap<>();

    private final LockExpressionEvaluator evaluator;

    private final @Nullable StringValueResolver placeholders;

    LockedMethods(LockExpressionEvaluator evaluator, @Nullable StringValueResolver placeholders) {
        this.evaluator = evaluator;
        this.placeholders = placeholders;
    }

    /**
     * Return the parsed annotation of a method as called on a target class.
     *
     * @throws InvalidLockAnnotationException when the annotation cannot work, naming the method and the faults
     */
    LockedMethod get(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return this.cache.computeIfAbsent(
                new MethodClassKey(specific, targetClass), (key) -> parse(specific, targetClass));
    }

    private LockedMethod parse(Method method, Class<?> targetClass) {
        Locked locked = AnnotatedElementUtils.findMergedAnnotation(method, Locked.class);
        if (locked == null) {
            throw new IllegalStateException("No @Locked annotation on " + describe(method, targetClass));
        }
        List<String> faults = new ArrayList<>();
        String name = name(locked, method, faults);
        Expression key = expression(method, targetClass, "key", locked.key(), faults);
        Expression owner = expression(method, targetClass, "owner", locked.owner(), faults);
        String priorityText = locked.priority().strip();
        Expression priorityExpression = null;
        int priority = 0;
        if (INTEGER.matcher(priorityText).matches()) {
            try {
                priority = Integer.parseInt(priorityText);
            } catch (NumberFormatException ex) {
                faults.add("priority [" + priorityText + "] is not an int");
            }
        } else {
            priorityExpression = expression(method, targetClass, "priority", priorityText, faults);
        }
        Duration lease = duration("lease", locked.lease(), faults);
        if (lease != null && lease.compareTo(LockRequest.MIN_LEASE) < 0 && !lease.isNegative()) {
            faults.add("lease [" + locked.lease() + "] must be at least " + LockRequest.MIN_LEASE);
        }
        Duration waitTime = duration("waitTime", locked.waitTime(), faults);
        Duration minHold = duration("minHold", locked.minHold(), faults);
        LockedMethod.Returns returns = returns(method, locked.onConflict(), faults);
        checkInterceptable(method, faults);
        checkPermits(locked, faults);
        if (faults.isEmpty()) {
            NameUse use = new NameUse(locked.permits(), locked.mode(), describe(method, targetClass));
            NameUse first = this.names.putIfAbsent(name, use);
            if (first != null && !first.sameLockAs(use)) {
                faults.add("name [" + name + "] is " + use.describe() + " here, but " + first.describe() + " on "
                        + first.method() + ": one name is one kind of lock (give one of them another name)");
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidLockAnnotationException(
                    Locked.class, describe(method, targetClass), faults, action(method, targetClass));
        }
        return new LockedMethod(
                method,
                describe(method, targetClass),
                name,
                key,
                owner,
                priorityExpression,
                priority,
                lease,
                waitTime,
                locked.autoRenew(),
                locked.onConflict(),
                (minHold != null) ? minHold : Duration.ZERO,
                locked.permits(),
                locked.mode(),
                returns,
                method.getReturnType());
    }

    private static void checkPermits(Locked locked, List<String> faults) {
        if (locked.permits() < 0) {
            faults.add("permits [" + locked.permits() + "] must be at least 1 for a semaphore (or 0, the default, "
                    + "for a plain lock)");
        } else if (locked.permits() > 0 && locked.mode() != LockMode.EXCLUSIVE) {
            faults.add("permits [" + locked.permits() + "] cannot be used with mode " + locked.mode()
                    + ": a read/write lock has readers and a writer, not permits (drop permits, or the mode)");
        }
    }

    private static String name(Locked locked, Method method, List<String> faults) {
        String name = locked.name().strip();
        if (name.isEmpty()) {
            return defaultName(method);
        }
        try {
            new LockKey(name, name);
        } catch (IllegalArgumentException ex) {
            faults.add("name is not a valid lock namespace: " + ex.getMessage());
        }
        return name;
    }

    /** The declaring class's simple name and the method's, with what a lock namespace cannot hold replaced. */
    static String defaultName(Method method) {
        Class<?> type = method.getDeclaringClass();
        String simple = StringUtils.hasText(type.getSimpleName()) ? type.getSimpleName() : type.getName();
        String name = (simple + "." + method.getName()).replaceAll("[^A-Za-z0-9._-]", "_");
        return (name.length() > LockKey.MAX_NAMESPACE_LENGTH) ? name.substring(0, LockKey.MAX_NAMESPACE_LENGTH) : name;
    }

    private @Nullable Expression expression(
            Method method, Class<?> targetClass, String attribute, String text, List<String> faults) {
        if (!StringUtils.hasText(text)) {
            return null;
        }
        return this.evaluator.parseForCalls(method, targetClass, attribute, text, text, faults);
    }

    private @Nullable Duration duration(String attribute, String text, List<String> faults) {
        String value = (this.placeholders != null && StringUtils.hasText(text))
                ? this.placeholders.resolveStringValue(text)
                : text;
        if (!StringUtils.hasText(value)) {
            return null;
        }
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException ex) {
            faults.add(attribute + " [" + value + "] is not a duration (such as 30s or PT30S)");
            return null;
        }
        if (duration.isNegative()) {
            faults.add(attribute + " [" + value + "] must not be negative");
        }
        return duration;
    }

    private static LockedMethod.Returns returns(Method method, OnConflict onConflict, List<String> faults) {
        Class<?> type = method.getReturnType();
        if (type == void.class || type == Void.class) {
            return LockedMethod.Returns.VOID;
        }
        if (type.isPrimitive()) {
            if (onConflict == OnConflict.SKIP) {
                faults.add("onConflict SKIP needs a method that can return empty, but it returns primitive " + type
                        + " (return a wrapper, an Optional or void, or use THROW)");
            }
            return LockedMethod.Returns.PRIMITIVE;
        }
        if (type == Optional.class
                || type == OptionalInt.class
                || type == OptionalLong.class
                || type == OptionalDouble.class) {
            return LockedMethod.Returns.OPTIONAL;
        }
        if (CompletionStage.class.isAssignableFrom(type)) {
            if (!type.isAssignableFrom(CompletableFuture.class)) {
                faults.add("it returns " + type.getName() + ": the lock can be held until completion only for a "
                        + "method declared to return CompletionStage or CompletableFuture");
            }
            return LockedMethod.Returns.FUTURE;
        }
        if (Flow.Publisher.class.isAssignableFrom(type)
                || ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) != null) {
            faults.add(
                    "it returns reactive type " + type.getName() + ", which @Locked does not support: the lock "
                            + "would be released before anything subscribes (return CompletableFuture, or lock in the pipeline)");
        }
        return LockedMethod.Returns.VALUE;
    }

    private static void checkInterceptable(Method method, List<String> faults) {
        String fault = LockAnnotationValidator.proxyFault(method, "the lock would never be taken");
        if (fault != null) {
            faults.add(fault);
        }
    }

    static String describe(Method method, Class<?> targetClass) {
        return LockAnnotationValidator.describe(method, targetClass);
    }

    private static String action(Method method, Class<?> targetClass) {
        return "Fix the @Locked attributes of " + describe(method, targetClass) + ": key, owner and priority are SpEL "
                + "over the method's parameters (such as #order.id, or #p0 by position), lease, waitTime and minHold "
                + "are durations (such as 30s or PT30S), onConflict SKIP needs a method returning void, an object, "
                + "an Optional or a CompletableFuture, and permits (a semaphore's size, at least 1) and mode READ or "
                + "WRITE (a read/write lock) exclude each other, with one size or kind of lock per name.";
    }

    /**
     * How a method uses its lock's name: as a plain lock, a semaphore of some permits, or a read/write lock.
     *
     * @param permits the semaphore's size, zero for none
     * @param mode the mode
     * @param method the method, for messages
     */
    private record NameUse(int permits, LockMode mode, String method) {

        boolean sameLockAs(NameUse other) {
            return this.permits == other.permits
                    && (this.mode == LockMode.EXCLUSIVE) == (other.mode == LockMode.EXCLUSIVE);
        }

        String describe() {
            if (this.permits > 0) {
                return "a semaphore of " + this.permits + " permits (permits = " + this.permits + ")";
            }
            return (this.mode == LockMode.EXCLUSIVE)
                    ? "a plain lock (mode EXCLUSIVE, no permits)"
                    : "a read/write lock (mode " + this.mode + ")";
        }
    }
}
