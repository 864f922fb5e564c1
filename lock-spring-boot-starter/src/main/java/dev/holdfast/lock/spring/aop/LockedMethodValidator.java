package dev.holdfast.lock.spring.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Checks every {@link Locked} method of each bean when the bean is created, so that misuse fails at startup with an
 * {@link InvalidLockedMethodException} naming the method and the fault. Register it as an infrastructure bean beside
 * the {@link LockedAdvisor}, whose parsed annotations it shares.
 */
public final class LockedMethodValidator implements BeanPostProcessor {

    private final LockedMethods methods;

    private final Set<Class<?>> withoutLocked = ConcurrentHashMap.newKeySet();

    /**
     * Create a validator for an advisor's methods.
     *
     * @param advisor the advisor
     */
    public LockedMethodValidator(LockedAdvisor advisor) {
        this.methods = advisor.methods();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        if (this.withoutLocked.contains(targetClass) || !AnnotationUtils.isCandidateClass(targetClass, Locked.class)) {
            return bean;
        }
        Map<Method, Locked> annotated =
                MethodIntrospector.selectMethods(targetClass, (MethodIntrospector.MetadataLookup<Locked>)
                        (method) -> AnnotatedElementUtils.findMergedAnnotation(method, Locked.class));
        if (annotated.isEmpty()) {
            this.withoutLocked.add(targetClass);
        }
        annotated.keySet().forEach((method) -> this.methods.get(method, targetClass));
        return bean;
    }
}
