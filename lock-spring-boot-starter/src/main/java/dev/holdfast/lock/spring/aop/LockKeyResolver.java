package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockKey;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ObjectUtils;

/**
 * Turns a {@link Locked} method's name and evaluated key into the lock's {@link LockKey}. Declare a bean of this type
 * to replace the standard one. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LockKeyResolver {

    /**
     * Resolve the lock key of one call.
     *
     * @param method the annotated method
     * @param name the lock's name
     * @param key what the key expression gave, never {@code null}; {@code null} when the method has no key expression
     * @return the key
     * @throws IllegalArgumentException when the key is not valid, naming it
     */
    LockKey resolve(Method method, String name, @Nullable Object key);

    /**
     * Return the standard resolver: the name is the namespace; the key's text (arrays element by element) is the id,
     * or the name again when the method has no key expression.
     *
     * @return the resolver
     */
    static LockKeyResolver standard() {
        return (method, name, key) -> new LockKey(name, (key != null) ? ObjectUtils.nullSafeToString(key) : name);
    }
}
