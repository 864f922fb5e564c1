package dev.holdfast.lock.jpa.rows;

import java.lang.reflect.Method;
import org.springframework.expression.Expression;

/**
 * A {@link LockRows} annotation parsed and checked once for one method.
 *
 * @param method the annotated method, as declared on the target class
 * @param description the method, as {@code Class.method(ParameterTypes)}, for messages
 * @param rows the annotation's expressions as one inline list
 */
record LockRowsMethod(Method method, String description, Expression rows) {}
