package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.support.LockAnnotationValidator;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.StringUtils;

/**
 * Parses each {@link LockRows} method once into a {@link LockRowsMethod}, checking it, and caches the result: the
 * {@link LockAnnotationValidator}'s check at startup, and the advisor's on a call.
 */
final class LockRowsMethods {

    private final Map<MethodClassKey, LockRowsMethod> cache = new ConcurrentHashMap<>();

    private final LockExpressionEvaluator evaluator;

    LockRowsMethods(LockExpressionEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Return the parsed annotation of a method as called on a target class.
     *
     * @throws InvalidLockAnnotationException when the annotation cannot work, naming the method and the faults
     */
    LockRowsMethod get(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return this.cache.computeIfAbsent(
                new MethodClassKey(specific, targetClass), (key) -> parse(specific, targetClass));
    }

    private LockRowsMethod parse(Method method, Class<?> targetClass) {
        String description = LockAnnotationValidator.describe(method, targetClass);
        LockRows annotation = AnnotatedElementUtils.findMergedAnnotation(method, LockRows.class);
        if (annotation == null) {
            throw new IllegalStateException("No @LockRows annotation on " + description);
        }
        List<String> faults = new ArrayList<>();
        Expression rows = null;
        String[] values = annotation.value();
        if (Arrays.stream(values).noneMatch(StringUtils::hasText)) {
            faults.add("value " + Arrays.toString(values) + " names no rows: name the entities or TableRows to lock, "
                    + "such as @LockRows(\"#from, #to\")");
        } else {
            // One inline list, so that "#from, #to" and {"#from", "#to"} mean the same.
            String shown = String.join(", ", values);
            rows = this.evaluator.parseForCalls(method, targetClass, "value", shown, "{" + shown + "}", faults);
        }
        String proxyFault =
                LockAnnotationValidator.proxyFault(method, "the rows would never be locked nor the transaction begun");
        if (proxyFault != null) {
            faults.add(proxyFault);
        }
        if (!faults.isEmpty() || rows == null) {
            throw new InvalidLockAnnotationException(LockRows.class, description, faults, action(description));
        }
        return new LockRowsMethod(method, description, rows);
    }

    static String action(String description) {
        return "Fix the @LockRows annotation of " + description + ": its value is SpEL over the method's parameters "
                + "naming the entities or TableRows to lock (such as \"#from, #to\", or #p0 by position), and the "
                + "method must not be private, static or final, so that the proxy can run it in the row-locking "
                + "transaction.";
    }
}
