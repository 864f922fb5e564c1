package dev.holdfast.lock.spring.autoconfigure.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.shedlock.HoldfastLockProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ShedLockAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    ShedLockAutoConfiguration.class));

    @Test
    void shouldProvideALockProviderOverTheTemplate() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(LockProvider.class);
            HoldfastLockProvider provider = context.getBean(HoldfastLockProvider.class);
            assertThat(provider.namespace()).isEqualTo("shedlock");
            assertThat(provider.keepAlive()).isTrue();
            SimpleLock lock = provider.lock(config("nightly")).orElseThrow();
            assertThat(context.getBean(LockTemplate.class).inspect(new LockKey("shedlock", "nightly")))
                    .isPresent();
            lock.unlock();
        });
    }

    @Test
    void shouldTakeNamespaceAndKeepAliveFromProperties() {
        this.runner
                .withPropertyValues("holdfast.shedlock.namespace=jobs", "holdfast.shedlock.keep-alive=false")
                .run((context) -> {
                    HoldfastLockProvider provider = context.getBean(HoldfastLockProvider.class);
                    assertThat(provider.namespace()).isEqualTo("jobs");
                    assertThat(provider.keepAlive()).isFalse();
                });
    }

    @Test
    void shouldBackOffForALockProviderOfTheApplication() {
        LockProvider own = (configuration) -> Optional.empty();
        this.runner.withBean("myProvider", LockProvider.class, () -> own).run((context) -> {
            assertThat(context).hasSingleBean(LockProvider.class);
            assertThat(context.getBean(LockProvider.class)).isSameAs(own);
        });
    }

    @Test
    void shouldStayOffWhenDisabled() {
        this.runner
                .withPropertyValues("holdfast.shedlock.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class));
    }

    @Test
    void shouldStayOffWithoutShedLock() {
        this.runner
                .withClassLoader(new FilteredClassLoader(LockProvider.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(HoldfastLockProvider.class)
                        .hasSingleBean(LockTemplate.class));
    }

    private static LockConfiguration config(String name) {
        return new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO);
    }
}
