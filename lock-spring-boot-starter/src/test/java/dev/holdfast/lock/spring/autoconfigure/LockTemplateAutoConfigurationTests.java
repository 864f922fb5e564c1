package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.reactive.ReactiveLockTemplate;
import dev.holdfast.lock.spring.aop.LockKeyResolver;
import dev.holdfast.lock.spring.aop.LockOwnerResolver;
import dev.holdfast.lock.spring.aop.LockedDefaults;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class LockTemplateAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(
                    AutoConfigurations.of(LockStoreAutoConfiguration.class, LockTemplateAutoConfiguration.class));

    @Test
    void shouldBuildTemplateWithListenersInOrder() {
        this.runner.withUserConfiguration(Listeners.class).run((context) -> {
            LockTemplate template = context.getBean(LockTemplate.class);
            template.acquire(LockRequest.of("room", "101").build()).close();
            assertThat(context.getBean(Listeners.class).heard)
                    .containsExactly("first acquired", "second acquired", "first released", "second released");
        });
    }

    @Test
    void shouldTakeInstanceIdAndDefaultsFromProperties() {
        this.runner
                .withPropertyValues(
                        "holdfast.instance-id=node-7",
                        "holdfast.default-lease=10s",
                        "holdfast.default-wait=250ms",
                        "holdfast.watchdog-period=200ms")
                .run((context) -> {
                    LockTemplate template = context.getBean(LockTemplate.class);
                    assertThat(template.instanceId()).isEqualTo("node-7");
                    assertThat(template.defaultOwner()).startsWith("node-7:");
                    assertThat(context.getBean(LockedDefaults.class))
                            .isEqualTo(new LockedDefaults(Duration.ofSeconds(10), Duration.ofMillis(250)));
                    assertThat(context.getBean(LockOwnerResolver.class)
                                    .resolve(Object.class.getMethod("hashCode"), new Object[0]))
                            .isEqualTo(template.defaultOwner());
                });
    }

    @Test
    void shouldProvideStandardKeyResolver() {
        this.runner.run((context) -> {
            LockKeyResolver keys = context.getBean(LockKeyResolver.class);
            assertThat(keys.resolve(Object.class.getMethod("hashCode"), "rooms", 101))
                    .isEqualTo(new LockKey("rooms", "101"));
            assertThat(keys.resolve(Object.class.getMethod("hashCode"), "report", null))
                    .isEqualTo(new LockKey("report", "report"));
        });
    }

    @Test
    void shouldProvideReactiveTemplateOverTheTemplateWhenReactorIsPresent() {
        this.runner.run((context) -> assertThat(
                        context.getBean(ReactiveLockTemplate.class).template())
                .isSameAs(context.getBean(LockTemplate.class)));
    }

    @Test
    void shouldBackOffForApplicationReactiveTemplate() {
        this.runner
                .withBean(
                        "myReactive",
                        ReactiveLockTemplate.class,
                        () -> ReactiveLockTemplate.of(LockTemplate.of(new InMemoryLockStore()), Schedulers.single()))
                .run((context) -> assertThat(context)
                        .getBean(ReactiveLockTemplate.class)
                        .isSameAs(context.getBean("myReactive")));
    }

    @Test
    void shouldProvideNoReactiveTemplateWithoutReactor() {
        this.runner
                .withClassLoader(new FilteredClassLoader(Mono.class))
                .run((context) -> assertThat(context)
                        .hasSingleBean(LockTemplate.class)
                        .doesNotHaveBean(ReactiveLockTemplate.class));
    }

    @Test
    void shouldBackOffForApplicationBeans() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(LockTemplate.class);
            assertThat(context.getBean(LockTemplate.class).instanceId()).isEqualTo("mine");
            assertThat(context.getBean(LockKeyResolver.class)).isSameAs(UserBeans.KEYS);
            assertThat(context.getBean(LockOwnerResolver.class)).isSameAs(UserBeans.OWNERS);
            assertThat(context.getBean(LockedDefaults.class)).isSameAs(UserBeans.DEFAULTS);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<String> heard = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        LockListener second() {
            return listener("second");
        }

        @Bean
        @Order(1)
        LockListener first() {
            return listener("first");
        }

        private LockListener listener(String name) {
            return new LockListener() {
                @Override
                public void onAcquired(LockEvent event) {
                    heard.add(name + " acquired");
                }

                @Override
                public void onReleased(LockEvent event) {
                    heard.add(name + " released");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final LockKeyResolver KEYS = (method, name, key) -> new LockKey("mine", name);

        static final LockOwnerResolver OWNERS = (method, arguments) -> "me";

        static final LockedDefaults DEFAULTS = new LockedDefaults(Duration.ofSeconds(1), Duration.ZERO);

        @Bean
        LockTemplate myTemplate() {
            return LockTemplate.builder(new InMemoryLockStore())
                    .instanceId("mine")
                    .build();
        }

        @Bean
        LockKeyResolver myKeys() {
            return KEYS;
        }

        @Bean
        LockOwnerResolver myOwners() {
            return OWNERS;
        }

        @Bean
        LockedDefaults myDefaults() {
            return DEFAULTS;
        }
    }
}
