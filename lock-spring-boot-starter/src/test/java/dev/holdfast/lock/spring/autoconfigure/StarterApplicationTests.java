package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.aop.Locked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.Advisor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** Starts real Spring Boot applications, so the imports file, the factories file and the analyzers are exercised. */
@ExtendWith(OutputCaptureExtension.class)
class StarterApplicationTests {

    @Test
    void shouldLockAcrossThreadsOnTheInMemoryStoreOfLastResort() throws Exception {
        try (ConfigurableApplicationContext context = run(CounterApplication.class)) {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(InMemoryLockStore.class);
            assertThat(context.getBean(LockTemplate.class).storeName()).isEqualTo("memory");
            assertThat(context.getBean("lockedAdvisor")).isInstanceOf(Advisor.class);
            Counter counter = context.getBean(Counter.class);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    calls.add(threads.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            counter.increment();
                        }
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(counter.mostInside()).isEqualTo(1);
            assertThat(counter.total()).isEqualTo(40);
        }
    }

    @Test
    void shouldExplainAnUnknownStoreAtStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run(CounterApplication.class, "--holdfast.store=mongo"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("holdfast.store is 'mongo', which is not a Holdfast lock store.")
                .contains("Set holdfast.store to one of auto, redis, jdbc, memory");
    }

    @Test
    void shouldExplainABadPropertyValueAtStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run(CounterApplication.class, "--holdfast.watchdog-period=0s"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("holdfast.watchdog-period is 'PT0S': the watchdog period must be positive and at most 365d.")
                .contains("The value comes from \"holdfast.watchdog-period\" from property source \"commandLineArgs\"")
                .contains(
                        "Set holdfast.watchdog-period to a duration in that range (such as 500ms), or remove it to use the default.");
    }

    @Test
    void shouldExplainAMisconfiguredLockedMethodAtStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run(BrokenApplication.class));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The @Locked annotation on " + Broken.class.getName() + ".count() cannot work as written")
                .contains("onConflict SKIP needs a method that can return empty");
    }

    private static ConfigurableApplicationContext run(Class<?> application, String... args) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> all = new ArrayList<>(List.of(
                "--holdfast.default-wait=30s",
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"));
        all.addAll(List.of(args));
        return app.run(all.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Counter.class)
    static class CounterApplication {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Broken.class)
    static class BrokenApplication {}

    /** Counts with a lock around a read-modify-write that would lose updates without it. */
    public static class Counter {

        private final AtomicInteger inside = new AtomicInteger();

        private final AtomicInteger mostInside = new AtomicInteger();

        private volatile int total;

        @Locked(name = "counter")
        public void increment() {
            this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
            int read = this.total;
            Thread.yield();
            this.total = read + 1;
            this.inside.decrementAndGet();
        }

        public int mostInside() {
            return this.mostInside.get();
        }

        public int total() {
            return this.total;
        }
    }

    public static class Broken {

        @Locked(onConflict = dev.holdfast.lock.spring.aop.OnConflict.SKIP)
        public int count() {
            return 1;
        }
    }
}
