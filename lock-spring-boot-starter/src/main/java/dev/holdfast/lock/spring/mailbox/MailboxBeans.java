package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Checks every {@link Mailbox} method of each bean when the bean is created, so that misuse fails at startup naming
 * the bean, the method and each fault (a key expression, a type that cannot round-trip through JSON, no mailboxes to
 * run it); and remembers each such bean's name, which its frames carry so that any instance can run them.
 */
final class MailboxBeans implements BeanPostProcessor {

    private final Map<Object, String> names = Collections.synchronizedMap(new IdentityHashMap<>());

    private final MailboxMethods methods;

    private final ListableBeanFactory beanFactory;

    MailboxBeans(MailboxMethods methods, ListableBeanFactory beanFactory) {
        this.methods = methods;
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        Set<Method> annotated = annotatedMethods(targetClass);
        if (annotated.isEmpty()) {
            return bean;
        }
        for (Method method : annotated) {
            try {
                this.methods.get(method, targetClass);
            } catch (InvalidLockAnnotationException ex) {
                throw new InvalidLockAnnotationException(
                        Mailbox.class, ex.getMethod() + " of bean '" + beanName + "'", ex.getFaults(), ex.getAction());
            }
        }
        if (this.beanFactory.getBeanNamesForType(Mailboxes.class, true, false).length == 0) {
            Method first = annotated.iterator().next();
            throw new InvalidLockAnnotationException(
                    Mailbox.class,
                    MailboxMethods.describe(first, targetClass) + " of bean '" + beanName + "'",
                    List.of("there is no Mailboxes bean to run it: the lock store does not keep mailboxes (the "
                            + "memory, Redis and database stores do)"),
                    "Use a lock store that keeps mailboxes (holdfast.store=redis, jdbc or memory), or declare a "
                            + "Mailboxes bean.");
        }
        this.names.put(bean, beanName);
        Object target = AopProxyUtils.getSingletonTarget(bean);
        if (target != null) {
            this.names.put(target, beanName);
        }
        return bean;
    }

    /** Return the name of the bean whose proxy was called, which its frames carry. */
    String nameOf(@Nullable Object target, Class<?> targetClass) {
        String name = (target != null) ? this.names.get(target) : null;
        if (name != null) {
            return name;
        }
        String[] candidates = this.beanFactory.getBeanNamesForType(targetClass, false, false);
        if (candidates.length == 1) {
            return candidates[0];
        }
        throw new IllegalStateException("Cannot tell which bean a @Mailbox call on " + targetClass.getName()
                + " was made on (candidates: " + List.of(candidates) + "): a frame must name its bean, so @Mailbox "
                + "methods need a singleton bean created by the application context");
    }

    /** Return the {@link Mailbox} methods of a class. */
    static Set<Method> annotatedMethods(Class<?> targetClass) {
        if (!AnnotationUtils.isCandidateClass(targetClass, Mailbox.class)) {
            return Set.of();
        }
        return MethodIntrospector.selectMethods(targetClass, (MethodIntrospector.MetadataLookup<Annotation>)
                        (method) -> AnnotatedElementUtils.findMergedAnnotation(method, Mailbox.class))
                .keySet();
    }
}
