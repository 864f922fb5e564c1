package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.support.InvalidLockAnnotationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code @Locked}, {@code @LockRows} or {@code @OfflineLocked} method that cannot work as annotated, naming
 * the method and each fault with its fix.
 */
class InvalidLockAnnotationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLockAnnotationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLockAnnotationException cause) {
        StringBuilder description = new StringBuilder("The @")
                .append(cause.getAnnotation())
                .append(" annotation on ")
                .append(cause.getMethod())
                .append(" cannot work as written:\n");
        cause.getFaults().forEach((fault) -> description.append("\n    - ").append(fault));
        return new FailureAnalysis(description.toString(), cause.getAction(), cause);
    }
}
