package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.jdbc.JdbcLockStore;
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
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Starts real Spring Boot applications with the starter and this module, so that both imports files, both factories
 * files and the analyzers are exercised.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcStoreApplicationTests {

    @Test
    void shouldLockAcrossThreadsOnTheDetectedDatabaseStore() throws Exception {
        try (ConfigurableApplicationContext context = run()) {
            assertThat(context.getBean(LockStore.class)).isInstanceOf(JdbcLockStore.class);
            assertThat(context.getBean(LockTemplate.class).storeName()).isEqualTo("jdbc");
            assertThat(context.getBean("lockedAdvisor")).isInstanceOf(org.springframework.aop.Advisor.class);
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
    void shouldExplainADatabaseStoreWithoutDataSourceAtStartup(CapturedOutput output) {
        assertThatException()
                .isThrownBy(() -> run(
                        "--holdfast.store=jdbc",
                        "--spring.autoconfigure.exclude="
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("holdfast.store is 'jdbc' but the database lock store cannot be created: there is no "
                        + "single DataSource bean")
                .contains("The value comes from \"holdfast.store\" from property source \"commandLineArgs\".")
                .contains("Provide a DataSource and holdfast-lock-jpa-offline, or set holdfast.store to another store");
    }

    @Test
    void shouldExplainABadPropertyOfThisModuleAtStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--holdfast.jdbc.platform=oracle"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("holdfast.jdbc.platform is 'oracle': there is no lock table script for it at "
                        + "classpath:dev/holdfast/lock/jpa/schema-oracle.sql.")
                .contains("The value comes from \"holdfast.jdbc.platform\" from property source \"commandLineArgs\".")
                .contains("Set holdfast.jdbc.platform to postgresql, mysql or h2");
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication app = new SpringApplication(CounterApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.generate-unique-name=true",
                "--holdfast.default-wait=30s",
                "--holdfast.offline.enabled=false",
                "--holdfast.rows.enabled=false",
                "--spring.jpa.hibernate.ddl-auto=none"));
        all.addAll(List.of(args));
        return app.run(all.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Counter.class)
    static class CounterApplication {}

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
}
