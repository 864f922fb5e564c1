package dev.holdfast.lock.spring.mailbox;

import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.Expression;
import tools.jackson.databind.JavaType;

/**
 * A {@link Mailbox} method as parsed once: its mailbox type, key expression, the JSON types of its parameters and
 * result, and the signature frames name it by.
 *
 * @param method the annotated method, on the target class
 * @param description the method for messages, as {@code Class.method(ParameterTypes)}
 * @param type the mailbox type
 * @param key the key expression
 * @param keyText the key expression as written, for messages
 * @param signature how frames name the method: {@code name(fully.qualified.ParameterTypes)}
 * @param parameters the parameters' types, resolved against the target class
 * @param result the result's type (a future's value type), {@code null} for void
 * @param future whether the method returns a {@code CompletableFuture}
 */
record MailboxMethod(
        Method method,
        String description,
        String type,
        Expression key,
        String keyText,
        String signature,
        List<JavaType> parameters,
        @Nullable JavaType result,
        boolean future) {

    /** Return how frames name a method: its name and its parameters' fully qualified types. */
    static String signature(Method method) {
        StringBuilder signature = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            signature.append((i > 0) ? "," : "").append(types[i].getTypeName());
        }
        return signature.append(')').toString();
    }
}
