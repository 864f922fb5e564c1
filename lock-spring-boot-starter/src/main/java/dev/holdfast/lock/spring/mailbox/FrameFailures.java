package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.MailboxException;
import dev.holdfast.lock.mailbox.RemoteFrameFailure;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Turns what {@code Mailboxes} throws for a failed frame back into what the method threw: the exception itself when
 * the frame ran in this JVM, or one of the same class rebuilt from its class name and message when it ran on another
 * instance, as long as the method may throw it (unchecked, or a checked exception it declares). Anything else (a
 * refused enqueue, a timeout, a failure that cannot be rebuilt) stays the core's {@link MailboxException}.
 */
final class FrameFailures {

    private FrameFailures() {}

    /** Return the exception a caller of the method gets for what the mailbox threw. */
    static Throwable translate(Method method, MailboxException failure, @Nullable ClassLoader classLoader) {
        Throwable cause = failure.getCause();
        if (cause == null || cause instanceof InterruptedException) {
            return failure;
        }
        if (cause instanceof RemoteFrameFailure remote) {
            Throwable rebuilt = rebuild(method, remote, classLoader);
            return (rebuilt != null) ? rebuilt : failure;
        }
        return mayThrow(method, cause.getClass()) ? cause : failure;
    }

    private static boolean mayThrow(Method method, Class<?> type) {
        if (RuntimeException.class.isAssignableFrom(type) || Error.class.isAssignableFrom(type)) {
            return true;
        }
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Throwable rebuild(Method method, RemoteFrameFailure remote, @Nullable ClassLoader loader) {
        Class<?> type;
        try {
            type = ClassUtils.forName(remote.exceptionType(), loader);
        } catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
        if (!Throwable.class.isAssignableFrom(type) || !mayThrow(method, type)) {
            return null;
        }
        String described = String.valueOf(remote.getMessage());
        String prefix = remote.exceptionType() + ": ";
        String message = described.startsWith(prefix) ? described.substring(prefix.length()) : null;
        try {
            Throwable rebuilt;
            if (message != null) {
                Constructor<?> constructor = type.getConstructor(String.class);
                rebuilt = (Throwable) constructor.newInstance(message);
            } else {
                rebuilt = (Throwable) type.getConstructor().newInstance();
            }
            if (rebuilt.getCause() == null) {
                rebuilt.initCause(remote);
            }
            return rebuilt;
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }
}
