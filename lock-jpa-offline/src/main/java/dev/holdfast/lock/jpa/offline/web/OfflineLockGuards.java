package dev.holdfast.lock.jpa.offline.web;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.offline.OfflineLockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.support.LockAnnotationValidator;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Parses each {@link OfflineLocked} handler method once into an {@link OfflineLockGuard}, checking it, and caches the
 * result: the {@link LockAnnotationValidator}'s check at startup, and the interceptor's on a request. The id
 * expression may read the path variables of the handler's mapping, the request parameters it declares with
 * {@link RequestParam}, and {@code #request}.
 */
final class OfflineLockGuards {

    /** A URI template variable: {@code {id}}, {@code {id:\d+}} or {@code {*path}}. */
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)[}:]");

    private final Map<MethodClassKey, Optional<OfflineLockGuard>> cache = new ConcurrentHashMap<>();

    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    private final LockExpressionEvaluator evaluator;

    OfflineLockGuards(LockExpressionEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Return the guard of a handler method, empty when it has no {@link OfflineLocked}.
     *
     * @throws InvalidLockAnnotationException when the annotation cannot work, naming the method and the faults
     */
    Optional<OfflineLockGuard> get(Method method, Class<?> handlerType) {
        return this.cache.computeIfAbsent(new MethodClassKey(method, handlerType), (key) -> parse(method, handlerType));
    }

    LockExpressionEvaluator evaluator() {
        return this.evaluator;
    }

    private Optional<OfflineLockGuard> parse(Method method, Class<?> handlerType) {
        OfflineLocked annotation = AnnotatedElementUtils.findMergedAnnotation(method, OfflineLocked.class);
        if (annotation == null) {
            return Optional.empty();
        }
        List<String> faults = new ArrayList<>();
        try {
            LockKey.of(annotation.namespace(), "-");
        } catch (IllegalArgumentException ex) {
            faults.add("namespace [" + annotation.namespace() + "] is not a lock namespace: " + ex.getMessage());
        }
        if (annotation.reason().length() > OfflineLockRequest.MAX_REASON_LENGTH) {
            faults.add("reason [" + annotation.reason() + "] is longer than " + OfflineLockRequest.MAX_REASON_LENGTH
                    + " characters");
        }
        Set<String> variables = variables(method, handlerType);
        String available = variables.stream().map((name) -> "#" + name).collect(Collectors.joining(", "))
                + " (the path variables of the handler's mapping, the request parameters it declares with "
                + "@RequestParam, and the request): use one of them, or declare the request parameter with "
                + "@RequestParam"
                + (hasUnnamedRequestParam(method)
                        ? " (an @RequestParam without a name is named after its parameter, and the parameter names "
                                + "of this method were not compiled in: compile with -parameters, or name it, such as "
                                + "@RequestParam(\"version\"))"
                        : "");
        Expression id = StringUtils.hasText(annotation.id())
                ? this.evaluator.parseForVariables(
                        method, handlerType, "id", annotation.id(), variables, available, faults)
                : null;
        if (id == null && faults.isEmpty()) {
            faults.add("id is empty: name the locked object's id, such as \"#id\" for the path variable {id}");
        }
        String description = LockAnnotationValidator.describe(method, handlerType);
        if (!faults.isEmpty() || id == null) {
            throw new InvalidLockAnnotationException(
                    OfflineLocked.class,
                    description,
                    faults,
                    "Fix the @OfflineLocked annotation of " + description + ": namespace names the locked "
                            + "object's type (such as Patient: ASCII letters and digits, '.', '_' and '-', at most "
                            + LockKey.MAX_NAMESPACE_LENGTH + " characters), and id is SpEL over the handler's path "
                            + "variables, the request parameters it declares with @RequestParam and #request (such as "
                            + "#id); reason is at most " + OfflineLockRequest.MAX_REASON_LENGTH + " characters.");
        }
        String reason = annotation.reason().isEmpty() ? null : annotation.reason();
        return Optional.of(new OfflineLockGuard(annotation.namespace(), id, reason, annotation.release()));
    }

    /** The variables a request to the handler holds: path variables, declared request parameters, the request. */
    private Set<String> variables(Method method, Class<?> handlerType) {
        Set<String> names = new LinkedHashSet<>();
        for (RequestMapping mapping : new RequestMapping[] {
            AnnotatedElementUtils.findMergedAnnotation(handlerType, RequestMapping.class),
            AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class)
        }) {
            if (mapping != null) {
                for (String path : mapping.path()) {
                    Matcher matcher = PATH_VARIABLE.matcher(path);
                    while (matcher.find()) {
                        names.add(matcher.group(1).strip());
                    }
                }
            }
        }
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null) {
                String declared = StringUtils.hasText(requestParam.name()) ? requestParam.name() : requestParam.value();
                String name = StringUtils.hasText(declared) ? declared : parameterName(method, i);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        names.add("request");
        return names;
    }

    /** Whether an {@link RequestParam} names no request parameter because parameter names were not compiled in. */
    private boolean hasUnnamedRequestParam(Method method) {
        for (int i = 0; i < method.getParameterCount(); i++) {
            RequestParam requestParam = new MethodParameter(method, i).getParameterAnnotation(RequestParam.class);
            if (requestParam != null
                    && !StringUtils.hasText(requestParam.name())
                    && !StringUtils.hasText(requestParam.value())
                    && parameterName(method, i) == null) {
                return true;
            }
        }
        return false;
    }

    private @Nullable String parameterName(Method method, int index) {
        String[] names = this.parameterNames.getParameterNames(method);
        return (names != null) ? names[index] : null;
    }
}
