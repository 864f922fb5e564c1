package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.MailboxSettings;
import dev.holdfast.lock.mailbox.MailboxesBuilder;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The {@link Mailbox} types of an application, found on its bean definitions before the beans exist, and the handler
 * that runs each type's frames. The auto-configured {@link dev.holdfast.lock.mailbox.Mailboxes} registers them; an
 * application declaring its own {@code Mailboxes} bean registers them with {@link #registerAll} to keep
 * {@code @Mailbox} methods working.
 */
public final class AnnotatedMailboxes {

    private final ConfigurableListableBeanFactory beanFactory;

    private final MailboxAdvisor advisor;

    AnnotatedMailboxes(ConfigurableListableBeanFactory beanFactory, MailboxAdvisor advisor) {
        this.beanFactory = beanFactory;
        this.advisor = advisor;
    }

    /**
     * Return the mailbox types the application's {@code @Mailbox} methods name.
     *
     * @return the types, sorted
     */
    public Set<String> types() {
        Set<String> types = new TreeSet<>();
        for (String name : this.beanFactory.getBeanDefinitionNames()) {
            Class<?> type = this.beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            for (Method method : MailboxBeans.annotatedMethods(ClassUtils.getUserClass(type))) {
                Mailbox mailbox = AnnotatedElementUtils.findMergedAnnotation(method, Mailbox.class);
                if (mailbox != null && !mailbox.type().isBlank()) {
                    types.add(mailbox.type().strip());
                }
            }
        }
        return types;
    }

    /**
     * Register every mailbox type of the application's {@code @Mailbox} methods, each with the handler that runs its
     * frames on the beans.
     *
     * @param builder the builder to register on
     * @param settings the settings of each type
     * @return the builder
     */
    public MailboxesBuilder registerAll(MailboxesBuilder builder, Function<String, MailboxSettings> settings) {
        for (String type : types()) {
            builder.register(type, settings.apply(type), this.advisor.handler(type, this.beanFactory));
        }
        return builder;
    }
}
