package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.mailbox.MailboxAutoConfiguration;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A {@code @Mailbox} method that cannot work fails the application at startup, naming the bean, method and fault. */
class MailboxMethodValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class,
                    MailboxAutoConfiguration.class));

    @Test
    void shouldFailForAnObjectParameterNamingBeanMethodAndType() {
        this.runner.withBean("untyped", Untyped.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getMethod())
                    .isEqualTo(Untyped.class.getName() + ".take(String, Object) of bean 'untyped'");
            assertThat(failure.getFaults())
                    .singleElement()
                    .asString()
                    .startsWith("parameter payload of type java.lang.Object cannot round-trip through JSON");
        });
    }

    @Test
    void shouldFailForALambdaAnInterfaceAndAClassJacksonCannotCreate() {
        this.runner
                .withBean("opaque", OpaqueTypes.class)
                .run(
                        (context) -> assertThat(failure(context).getFaults())
                                .satisfiesExactly(
                                        (fault) -> assertThat(fault)
                                                .startsWith(
                                                        "parameter task of type java.lang.Runnable cannot round-trip")
                                                .contains("is an interface without type information"),
                                        (fault) -> assertThat(fault)
                                                .startsWith("parameter handle of type " + Handle.class.getName())
                                                .contains("has no constructor Jackson can use"),
                                        (fault) -> assertThat(fault)
                                                .startsWith(
                                                        "the result of type java.util.List<java.lang.Object> cannot round-trip")));
    }

    @Test
    void shouldFailForKeyExpressionsThatCannotWork() {
        this.runner
                .withBean("badKeys", BadKeys.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly(
                                "key [#acount] refers to #acount, which names no parameter: use one of #account "
                                        + "(or by position #p0)"));
        this.runner
                .withBean("badType", BadType.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("type [bad type!] is not a valid mailbox type"));
    }

    @Test
    void shouldFailWhenTheLockStoreKeepsNoMailboxes() {
        this.runner
                .withUserConfiguration(PlainStoreConfiguration.class)
                .withBean("ok", Fine.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("there is no Mailboxes bean to run it"));
    }

    @Test
    void shouldStartWithWellTypedMethods() {
        this.runner.withBean("ok", Fine.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(Mailboxes.class);
            assertThat(context.getBean(AnnotatedMailboxes.class).types()).containsExactly("fine");
        });
    }

    private static InvalidLockAnnotationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return assertThat(context.getStartupFailure())
                .rootCause()
                .asInstanceOf(InstanceOfAssertFactories.type(InvalidLockAnnotationException.class))
                .actual();
    }

    static class Untyped {

        @Mailbox(type = "untyped", key = "#id")
        public void take(String id, Object payload) {}
    }

    /** A class with neither a usable constructor nor properties. */
    public static final class Handle {

        private Handle(int fd, long flags) {}
    }

    static class OpaqueTypes {

        @Mailbox(type = "opaque", key = "#id")
        public List<Object> run(String id, Runnable task, Handle handle) {
            return List.of();
        }
    }

    static class BadKeys {

        @Mailbox(type = "keys", key = "#acount")
        public void take(String account) {}
    }

    static class BadType {

        @Mailbox(type = "bad type!", key = "#id")
        public void take(String id) {}
    }

    static class Fine {

        @Mailbox(type = "fine", key = "#id")
        public List<String> take(String id) {
            return List.of(id);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class PlainStoreConfiguration {

        @org.springframework.context.annotation.Bean
        dev.holdfast.lock.spi.LockStore lockStore() {
            return new dev.holdfast.lock.test.RecordingLockStore(new dev.holdfast.lock.memory.InMemoryLockStore());
        }
    }
}
