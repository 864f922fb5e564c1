package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.spring.aop.InvalidLockedMethodException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@code @Locked} method that cannot work as annotated, naming the method and each fault. */
class InvalidLockedMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLockedMethodException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLockedMethodException cause) {
        StringBuilder description = new StringBuilder("The @Locked annotation on ")
                .append(cause.getMethod())
                .append(" cannot work as written:\n");
        cause.getFaults().forEach((fault) -> description.append("\n    - ").append(fault));
        String action = "Fix the @Locked attributes of " + cause.getMethod() + ": key, owner and priority are SpEL "
                + "(such as #order.id), lease, waitTime and minHold are durations (such as 30s or PT30S), and onConflict SKIP "
                + "needs a method returning void, an object, an Optional or a CompletableFuture.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
