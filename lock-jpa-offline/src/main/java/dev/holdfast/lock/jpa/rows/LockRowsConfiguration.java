package dev.holdfast.lock.jpa.rows;

import dev.holdfast.lock.jpa.autoconfigure.RowLockingProperties;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.support.LockAnnotationValidator;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies {@link LockRows}: the advisor, ordered by {@code holdfast.rows.advisor-order} (by default outside
 * {@code @Transactional}), and the check of every {@code @LockRows} bean method at startup, which also needs a
 * {@link RowLocks} bean and warns about a bean calling its own {@code @LockRows} method. The row-locking
 * auto-configuration imports it.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class LockRowsConfiguration {

    /** The advisor's order when {@code holdfast.rows.advisor-order} is not set: before {@code @Transactional}'s. */
    public static final int DEFAULT_ADVISOR_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockRowsAdvisor lockRowsAdvisor(ListableBeanFactory beanFactory, Environment environment) {
        // Infrastructure the auto-proxy creator looks up before @ConfigurationProperties beans exist: bind the one
        // properties class with Boot's Binder, to the same defaults and checks.
        RowLockingProperties properties =
                Binder.get(environment).bindOrCreate("holdfast.rows", RowLockingProperties.class);
        return new LockRowsAdvisor(
                SingletonSupplier.of(() -> beanFactory.getBean(RowLocks.class)),
                beanFactory,
                properties.getAdvisorOrder());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LockAnnotationValidator lockRowsMethodValidator(
            LockRowsAdvisor lockRowsAdvisor, ListableBeanFactory beanFactory) {
        LockRowsMethods methods = lockRowsAdvisor.methods();
        LockAnnotationValidator.MethodCheck check = (method, targetClass) -> {
            LockRowsMethod locked = methods.get(method, targetClass);
            if (beanFactory.getBeanNamesForType(RowLocks.class, true, false).length == 0) {
                throw new InvalidLockAnnotationException(
                        LockRows.class,
                        locked.description(),
                        List.of("it needs a RowLocks bean, and there is none: row locking is configured over the "
                                + "application's one PlatformTransactionManager (declare a RowLocks bean, or mark "
                                + "one transaction manager @Primary)"),
                        LockRowsMethods.action(locked.description()));
            }
        };
        return new LockAnnotationValidator(LockRows.class, check, "the row locks and their transaction");
    }
}
