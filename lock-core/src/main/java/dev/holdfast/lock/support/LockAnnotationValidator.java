package dev.holdfast.lock.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Checks every method of each bean that carries one lock annotation when the bean is created, so that misuse fails at
 * startup: the check parses the method's annotation (expressions included) as its first call would, and throws
 * {@link InvalidLockAnnotationException} naming the method, each attribute at fault and the fix. For an annotation
 * applied by a Spring AOP proxy it also warns about each call a bean makes to its own annotated method, which goes past
 * the proxy and so runs without what the annotation promises.
 *
 * <p>Register one per annotation as an infrastructure bean. Each class is checked once. Thread-safe.
 */
public final class LockAnnotationValidator implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(LockAnnotationValidator.class);

    private final Class<? extends Annotation> annotationType;

    private final MethodCheck check;

    private final @Nullable String bypassed;

    private final Set<Class<?>> checked = ConcurrentHashMap.newKeySet();

    /**
     * Create a validator.
     *
     * @param annotationType the annotation
     * @param check parses the annotation of one method, throwing {@link InvalidLockAnnotationException} when it cannot
     *     work
     * @param bypassed what a self-invocation runs without, such as {@code the lock}, to warn about calls past the
     *     proxy; {@code null} when the annotation is not applied by a proxy
     */
    public LockAnnotationValidator(
            Class<? extends Annotation> annotationType, MethodCheck check, @Nullable String bypassed) {
        this.annotationType = annotationType;
        this.check = check;
        this.bypassed = bypassed;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        if (!this.checked.add(targetClass) || !AnnotationUtils.isCandidateClass(targetClass, this.annotationType)) {
            return bean;
        }
        Set<Method> annotated = MethodIntrospector.selectMethods(
                        targetClass, (MethodIntrospector.MetadataLookup<Annotation>)
                                (method) -> AnnotatedElementUtils.findMergedAnnotation(method, this.annotationType))
                .keySet();
        try {
            annotated.forEach((method) -> this.check.check(method, targetClass));
        } catch (RuntimeException ex) {
            this.checked.remove(targetClass);
            throw ex;
        }
        if (this.bypassed != null && !annotated.isEmpty()) {
            warnAboutSelfInvocations(targetClass, annotated);
        }
        return bean;
    }

    private void warnAboutSelfInvocations(Class<?> targetClass, Set<Method> annotated) {
        String annotation = "@" + this.annotationType.getSimpleName();
        for (SelfInvocations.Call call : SelfInvocations.find(targetClass, annotated)) {
            logger.warn(
                    "{} method {} is called by {}.{} on the object itself: such a call does not go through the Spring "
                            + "proxy, so it runs without {}. Call it through the bean (inject it where it is "
                            + "called), or lock in the calling method with LockOperations.execute",
                    annotation,
                    describe(call.callee(), targetClass),
                    call.declaringClass().getName(),
                    call.caller(),
                    this.bypassed);
        }
    }

    /**
     * Describe a method as {@code Class.method(ParameterTypes)}, for messages.
     *
     * @param method the method
     * @param targetClass the class it is called on
     * @return the description
     */
    public static String describe(Method method, Class<?> targetClass) {
        String parameters = Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return targetClass.getName() + "." + method.getName() + "(" + parameters + ")";
    }

    /**
     * Return why a proxy cannot intercept a method, as a fault sentence.
     *
     * @param method the annotated method
     * @param effect what would never happen, such as {@code the lock would never be taken}
     * @return the fault, or {@code null} when a proxy can intercept the method
     */
    public static @Nullable String proxyFault(Method method, String effect) {
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
            return "it is " + Modifier.toString(modifiers & (Modifier.PRIVATE | Modifier.STATIC | Modifier.FINAL))
                    + ", so a proxy cannot intercept it and " + effect;
        }
        return null;
    }

    /** Parses and checks the annotation of one method. */
    @FunctionalInterface
    public interface MethodCheck {

        /**
         * Check one method.
         *
         * @param method the annotated method
         * @param targetClass the bean class
         * @throws InvalidLockAnnotationException when the annotation cannot work, naming the method and the faults
         */
        void check(Method method, Class<?> targetClass);
    }
}
