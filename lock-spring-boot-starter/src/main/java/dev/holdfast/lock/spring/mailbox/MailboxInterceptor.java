package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxContext;
import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.support.LockExpressionEvaluator;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ObjectUtils;

/**
 * Runs a {@link Mailbox} method through its mailbox: evaluates the key, writes the frame and calls
 * {@link Mailboxes#call} (or {@link Mailboxes#callAsync} for a future), then reads the result back as the method's
 * return type or rethrows the frame's own exception. A call made inside a frame of the same mailbox, and the frame's
 * own dispatch by {@link BeanMethodFrames}, run inline.
 */
final class MailboxInterceptor implements MethodInterceptor {

    /** The method a frame handler is invoking through the proxy on this thread: it runs inline, once. */
    private static final ThreadLocal<Method> dispatching = new ThreadLocal<>();

    private final MailboxMethods methods;

    private final LockExpressionEvaluator evaluator;

    private final MailboxBeans beans;

    private final Supplier<Mailboxes> mailboxes;

    private final Supplier<JsonFrames> frames;

    private final @Nullable ClassLoader classLoader;

    MailboxInterceptor(
            MailboxMethods methods,
            LockExpressionEvaluator evaluator,
            MailboxBeans beans,
            Supplier<Mailboxes> mailboxes,
            Supplier<JsonFrames> frames,
            @Nullable ClassLoader classLoader) {
        this.methods = methods;
        this.evaluator = evaluator;
        this.beans = beans;
        this.mailboxes = mailboxes;
        this.frames = frames;
        this.classLoader = classLoader;
    }

    /** Mark the next call of a method on this thread as a frame's own run, to go straight to the method. */
    static void dispatch(Method method) {
        dispatching.set(method);
    }

    /** Clear a dispatch mark the call did not consume (the call failed before reaching the interceptor). */
    static void dispatched() {
        dispatching.remove();
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Class<?> targetClass = (target != null)
                ? AopUtils.getTargetClass(target)
                : invocation.getMethod().getDeclaringClass();
        MailboxMethod method = this.methods.get(invocation.getMethod(), targetClass);
        if (dispatching.get() == method.method()) {
            dispatching.remove();
            return invocation.proceed();
        }
        LockKey mailbox = mailbox(method, invocation.getArguments());
        Optional<MailboxContext> current = MailboxContext.current();
        if (current.isPresent() && current.get().mailbox().equals(mailbox)) {
            return invocation.proceed();
        }
        String bean = this.beans.nameOf(target, targetClass);
        JsonFrames codec = this.frames.get();
        String payload = codec.write(mailbox, bean, method, invocation.getArguments());
        if (method.future()) {
            return this.mailboxes
                    .get()
                    .callAsync(method.type(), mailbox.id(), payload)
                    .handle((answer, failure) -> {
                        if (failure == null) {
                            return codec.readResult(method, answer);
                        }
                        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                                ? failure.getCause()
                                : failure;
                        throw new CompletionException(
                                (cause instanceof MailboxException refused)
                                        ? FrameFailures.translate(method.method(), refused, this.classLoader)
                                        : cause);
                    });
        }
        String answer;
        try {
            answer = this.mailboxes.get().call(method.type(), mailbox.id(), payload);
        } catch (MailboxException ex) {
            throw FrameFailures.translate(method.method(), ex, this.classLoader);
        }
        return codec.readResult(method, answer);
    }

    private LockKey mailbox(MailboxMethod method, @Nullable Object[] arguments) {
        Object key = method.key().getValue(this.evaluator.callContext(null, method.method(), arguments));
        String id = (key != null) ? ObjectUtils.nullSafeToString(key) : null;
        if (id == null || id.isEmpty()) {
            throw new MailboxException("@Mailbox key [" + method.keyText() + "] of " + method.description() + " gave "
                    + ((id == null) ? "null" : "an empty id") + ": a call needs the id of its mailbox ("
                    + method.type() + ":<id>); nothing was enqueued");
        }
        try {
            return new LockKey(method.type(), id);
        } catch (IllegalArgumentException ex) {
            throw new MailboxException(
                    "@Mailbox key [" + method.keyText() + "] of " + method.description() + " gave [" + id
                            + "], which is not a valid mailbox id: " + ex.getMessage() + "; nothing was enqueued",
                    ex);
        }
    }
}
