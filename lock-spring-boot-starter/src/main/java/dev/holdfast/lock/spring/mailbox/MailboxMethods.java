package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.support.LockAnnotationValidator;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

/**
 * Parses each {@link Mailbox} method once into a {@link MailboxMethod}, checking it, and caches the result: the check
 * at startup, the advisor's on a call and the frame handler's when it resolves a frame's method.
 */
final class MailboxMethods {

    private final Map<MethodClassKey, MailboxMethod> cache = new ConcurrentHashMap<>();

    private final LockExpressionEvaluator evaluator;

    private final Supplier<JsonMapper> mapper;

    MailboxMethods(LockExpressionEvaluator evaluator, Supplier<JsonMapper> mapper) {
        this.evaluator = evaluator;
        this.mapper = mapper;
    }

    /**
     * Return the parsed annotation of a method as called on a target class.
     *
     * @throws InvalidLockAnnotationException when the method cannot work, naming it and the faults
     */
    MailboxMethod get(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return this.cache.computeIfAbsent(
                new MethodClassKey(specific, targetClass), (key) -> parse(specific, targetClass));
    }

    private MailboxMethod parse(Method method, Class<?> targetClass) {
        Mailbox mailbox = AnnotatedElementUtils.findMergedAnnotation(method, Mailbox.class);
        if (mailbox == null) {
            throw new IllegalStateException("No @Mailbox annotation on " + describe(method, targetClass));
        }
        List<String> faults = new ArrayList<>();
        String type = mailbox.type().strip();
        checkType(type, faults);
        Expression key = null;
        if (!StringUtils.hasText(mailbox.key())) {
            faults.add("key is empty: give the SpEL expression of the entity id (such as #order.id)");
        } else {
            key = this.evaluator.parseForCalls(method, targetClass, "key", mailbox.key(), mailbox.key(), faults);
        }
        String proxy = LockAnnotationValidator.proxyFault(method, "its calls would never go through the mailbox");
        if (proxy != null) {
            faults.add(proxy);
        }
        JsonMapper json = this.mapper.get();
        List<JavaType> parameters = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            JavaType javaType = javaType(json, ResolvableType.forMethodParameter(method, i, targetClass));
            String name = method.getParameters()[i].isNamePresent() ? method.getParameters()[i].getName() : "#p" + i;
            JsonTypes.check(json, "parameter " + name, javaType, faults);
            parameters.add(javaType);
        }
        boolean future = false;
        JavaType result = null;
        Class<?> returns = method.getReturnType();
        ResolvableType returnType = ResolvableType.forMethodReturnType(method, targetClass);
        if (CompletionStage.class.isAssignableFrom(returns)) {
            future = true;
            if (!returns.isAssignableFrom(CompletableFuture.class)) {
                faults.add("it returns " + returns.getName() + ": a mailbox method can return CompletableFuture or "
                        + "CompletionStage, completed when its frame has run");
            }
            returnType = returnType.getGeneric(0);
        }
        Class<?> resolved = returnType.resolve(Object.class);
        if (resolved != void.class && resolved != Void.class) {
            result = javaType(json, returnType);
            JsonTypes.check(json, "the result", result, faults);
        }
        if (!faults.isEmpty() || key == null) {
            throw new InvalidLockAnnotationException(
                    Mailbox.class, describe(method, targetClass), faults, action(method, targetClass));
        }
        return new MailboxMethod(
                method,
                describe(method, targetClass),
                type,
                key,
                mailbox.key(),
                MailboxMethod.signature(method),
                List.copyOf(parameters),
                result,
                future);
    }

    /** Build the JSON type of a resolved type, type variables of the target class resolved. */
    private static JavaType javaType(JsonMapper json, ResolvableType type) {
        TypeFactory types = json.getTypeFactory();
        if (type.isArray()) {
            return types.constructArrayType(javaType(json, type.getComponentType()));
        }
        Class<?> raw = type.resolve();
        if (raw == null) {
            return types.constructType(Object.class);
        }
        if (type.hasGenerics()) {
            ResolvableType[] generics = type.getGenerics();
            JavaType[] parameters = new JavaType[generics.length];
            for (int i = 0; i < generics.length; i++) {
                parameters[i] = javaType(json, generics[i]);
            }
            return types.constructParametricType(raw, parameters);
        }
        return types.constructType(raw);
    }

    private static void checkType(String type, List<String> faults) {
        if (type.isEmpty()) {
            faults.add("type is empty: name the mailbox type (such as orders), the same on every method of one "
                    + "entity");
            return;
        }
        try {
            MailboxStore.lockKey(new LockKey(type, "-"));
        } catch (IllegalArgumentException ex) {
            faults.add("type [" + type + "] is not a valid mailbox type (letters, digits, '.', '_' and '-', at most "
                    + (LockKey.MAX_NAMESPACE_LENGTH - 8) + " characters): " + ex.getMessage());
        }
    }

    static String describe(Method method, Class<?> targetClass) {
        return LockAnnotationValidator.describe(method, targetClass);
    }

    private static String action(Method method, @Nullable Class<?> targetClass) {
        return "Fix the @Mailbox method "
                + describe(method, (targetClass != null) ? targetClass : method.getDeclaringClass())
                + ": type names the mailbox type (such as orders), key is SpEL over the method's parameters (such as "
                + "#order.id, or #p0 by position), the method must be public and not final, and its parameter and "
                + "return types must be concrete types Jackson can write and read back (records, collections, "
                + "Optional, java.time, enums; an interface needs @JsonTypeInfo).";
    }
}
