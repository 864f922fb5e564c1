package dev.holdfast.lock.spring.autoconfigure;

import dev.holdfast.lock.spring.aop.LockedConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Applies {@code @Locked} through {@link LockedConfiguration} (the advisor, ordered by {@code holdfast.advisor-order},
 * and the check of every {@code @Locked} method at startup), with an auto-proxy creator if the application has none.
 */
@AutoConfiguration(
        after = LockTemplateAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@Import({LockedConfiguration.class, LockedProxyRegistrar.class})
public final class LockedAutoConfiguration {}
