package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.FrameHandler;
import dev.holdfast.lock.mailbox.MailboxException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runs the frames of one {@link Mailbox} type: finds the frame's bean and method, reads the arguments as the
 * method's parameter types and calls the method through the bean's proxy (so other advice, such as
 * {@code @Transactional}, applies; the mailbox advice lets this call through). A frame naming a bean or method this
 * application does not have (renamed since it was enqueued) fails, so that it is retried and then dead-lettered with
 * that reason, never dropped.
 */
final class BeanMethodFrames implements FrameHandler {

    private final String type;

    private final BeanFactory beanFactory;

    private final MailboxMethods methods;

    private final Supplier<JsonFrames> frames;

    BeanMethodFrames(String type, BeanFactory beanFactory, MailboxMethods methods, Supplier<JsonFrames> frames) {
        this.type = type;
        this.beanFactory = beanFactory;
        this.methods = methods;
        this.frames = frames;
    }

    @Override
    public @Nullable String handle(String payload) throws Exception {
        JsonFrames codec = this.frames.get();
        JsonFrames.Frame frame = codec.read(payload);
        Object bean;
        try {
            bean = this.beanFactory.getBean(frame.bean());
        } catch (NoSuchBeanDefinitionException ex) {
            throw new MailboxException("Frame of mailbox type [" + this.type + "] names bean [" + frame.bean()
                    + "], which this application does not have (renamed or removed since the frame was enqueued?)");
        }
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        MailboxMethod method = find(bean, frame, targetClass);
        @Nullable Object[] arguments = codec.arguments(frame, method);
        Method invocable = ClassUtils.isAssignableValue(method.method().getDeclaringClass(), bean)
                ? method.method()
                : ClassUtils.getInterfaceMethodIfPossible(method.method(), targetClass);
        ReflectionUtils.makeAccessible(invocable);
        Object value;
        MailboxInterceptor.dispatch(method.method());
        try {
            value = invocable.invoke(bean, arguments);
        } catch (InvocationTargetException ex) {
            throw rethrow(ex.getTargetException());
        } finally {
            MailboxInterceptor.dispatched();
        }
        if (method.future() && value != null) {
            try {
                value = ((CompletionStage<?>) value).toCompletableFuture().get();
            } catch (ExecutionException ex) {
                throw rethrow(ex.getCause());
            }
        }
        return codec.writeResult(method, value);
    }

    private MailboxMethod find(Object bean, JsonFrames.Frame frame, Class<?> targetClass) {
        for (Method candidate : MailboxBeans.annotatedMethods(targetClass)) {
            MailboxMethod method = this.methods.get(candidate, targetClass);
            if (method.type().equals(this.type) && method.signature().equals(frame.method())) {
                return method;
            }
        }
        List<String> known = MailboxBeans.annotatedMethods(targetClass).stream()
                .map((candidate) -> this.methods.get(candidate, targetClass))
                .filter((method) -> method.type().equals(this.type))
                .map(MailboxMethod::signature)
                .sorted()
                .toList();
        throw new MailboxException("Frame of mailbox type [" + this.type + "] names method [" + frame.method()
                + "] of bean [" + frame.bean() + "] (" + targetClass.getName() + "), which has no @Mailbox(type = \""
                + this.type + "\") method of that signature (renamed or removed since the frame was enqueued?); "
                + "its methods of this type: " + known);
    }

    private static Exception rethrow(Throwable failure) {
        Throwable cause =
                (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
        if (cause instanceof Error error) {
            throw error;
        }
        return (Exception) cause;
    }
}
