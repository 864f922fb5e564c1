package dev.holdfast.lock.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The SpEL evaluator of Holdfast's annotations: parses each expression once per method and target class, and builds
 * the context it is evaluated in, over a call's arguments ({@code #name}, {@code #p0}, {@code #a0}) or over named
 * variables (a web request's path variables), with beans as {@code @name}. Its checks find, before the first call,
 * what would make an expression fail at every call: invalid SpEL, and a variable that names nothing, such as a
 * parameter name that was not compiled in. Thread-safe.
 */
public final class LockExpressionEvaluator extends CachedExpressionEvaluator {

    private final Map<ExpressionKey, Expression> cache = new ConcurrentHashMap<>();

    private final @Nullable BeanFactory beanFactory;

    /**
     * Create an evaluator.
     *
     * @param beanFactory what {@code @name} in expressions names, or {@code null} for no beans
     */
    public LockExpressionEvaluator(@Nullable BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Parse an expression of a method, or return the one parsed before.
     *
     * @param method the annotated method
     * @param targetClass the class it is called on
     * @param expression the expression
     * @return the parsed expression
     * @throws ParseException when it is not valid SpEL
     */
    public Expression parse(Method method, Class<?> targetClass, String expression) {
        return getExpression(this.cache, new AnnotatedElementKey(method, targetClass), expression);
    }

    /**
     * Parse an expression over a method's calls, adding to {@code faults} what would make it fail at every call.
     *
     * @param method the annotated method
     * @param targetClass the class it is called on
     * @param attribute the annotation attribute, for messages
     * @param shown the attribute's value as written, for messages
     * @param expression the expression to parse
     * @param faults where each fault is added, one sentence naming the attribute, the value and the fix
     * @return the parsed expression, or {@code null} when it is not valid SpEL
     */
    public @Nullable Expression parseForCalls(
            Method method,
            Class<?> targetClass,
            String attribute,
            String shown,
            String expression,
            List<String> faults) {
        Expression parsed = parse(method, targetClass, attribute, shown, expression, faults);
        if (parsed != null) {
            List<String> parameters = parameterVariables(method);
            for (String variable : ExpressionVariables.of(parsed)) {
                if (!parameters.contains(variable)) {
                    faults.add(attribute + " [" + shown + "] refers to #" + variable + ", " + noParameter(method));
                }
            }
        }
        return parsed;
    }

    /**
     * Parse an expression over named variables, adding to {@code faults} what would make it fail at every call.
     *
     * @param method the annotated method
     * @param targetClass the class it is called on
     * @param attribute the annotation attribute, for messages
     * @param expression the expression
     * @param variables the variables evaluations will hold
     * @param available what they are, for messages, such as {@code the path variables (#id) or #request}
     * @param faults where each fault is added, one sentence naming the attribute, the value and the fix
     * @return the parsed expression, or {@code null} when it is not valid SpEL
     */
    public @Nullable Expression parseForVariables(
            Method method,
            Class<?> targetClass,
            String attribute,
            String expression,
            Set<String> variables,
            String available,
            List<String> faults) {
        Expression parsed = parse(method, targetClass, attribute, expression, expression, faults);
        if (parsed != null) {
            for (String variable : ExpressionVariables.of(parsed)) {
                if (!variables.contains(variable)) {
                    faults.add(attribute + " [" + expression + "] refers to #" + variable + ", which is none of "
                            + available);
                }
            }
        }
        return parsed;
    }

    /**
     * Create the context of one call: the arguments by parameter name (when compiled in) and by position, the root
     * object as {@code #root}, and beans.
     *
     * @param root the root object, {@code null} for none
     * @param method the called method
     * @param arguments the call's arguments
     * @return the context
     */
    public EvaluationContext callContext(@Nullable Object root, Method method, @Nullable Object[] arguments) {
        MethodBasedEvaluationContext context =
                new MethodBasedEvaluationContext(root, method, arguments, getParameterNameDiscoverer());
        if (this.beanFactory != null) {
            context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
        }
        return context;
    }

    /**
     * Create a context over named variables, and beans.
     *
     * @param variables the variables
     * @return the context
     */
    public EvaluationContext variableContext(Map<String, ? extends @Nullable Object> variables) {
        StandardEvaluationContext context = new StandardEvaluationContext();
        variables.forEach(context::setVariable);
        if (this.beanFactory != null) {
            context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
        }
        return context;
    }

    private @Nullable Expression parse(
            Method method,
            Class<?> targetClass,
            String attribute,
            String shown,
            String expression,
            List<String> faults) {
        try {
            return parse(method, targetClass, expression);
        } catch (ParseException | IllegalStateException ex) {
            faults.add(attribute + " [" + shown + "] is not valid SpEL: " + ex.getMessage());
            return null;
        }
    }

    /** The variables a call context holds for the method's arguments: #p0, #a0, ... and their names if compiled in. */
    private List<String> parameterVariables(Method method) {
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            variables.add("p" + i);
            variables.add("a" + i);
        }
        String[] names = getParameterNameDiscoverer().getParameterNames(method);
        if (names != null) {
            variables.addAll(Arrays.asList(names));
        }
        return variables;
    }

    /** Why a variable names no parameter of a method, and the fix. */
    private String noParameter(Method method) {
        int count = method.getParameterCount();
        if (count == 0) {
            return "but the method has no parameters";
        }
        String positions = IntStream.range(0, count).mapToObj((i) -> "#p" + i).collect(Collectors.joining(", "));
        String[] names = getParameterNameDiscoverer().getParameterNames(method);
        if (names == null) {
            return "but the parameter names of the method were not compiled in: compile with -parameters (javac; "
                    + "spring-boot-starter-parent sets it, importing the Spring Boot BOM does not), or refer to the "
                    + "arguments by position (" + positions + ")";
        }
        return "which names no parameter: use one of "
                + Arrays.stream(names).map((name) -> "#" + name).collect(Collectors.joining(", "))
                + " (or by position " + positions + ")";
    }
}
