package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Two application contexts stand in for two instances of one application sharing a lock store. */
class LockedScheduledTests {

    private final LockStore sharedStore = new InMemoryLockStore();

    private final List<Run> runs = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withUserConfiguration(Scheduling.class)
            .withBean(LockStore.class, () -> this.sharedStore);

    @Test
    void shouldRunScheduledJobOncePerTickAcrossInstances() {
        this.runner
                .withPropertyValues("holdfast.instance-id=node-a")
                .withBean(Reports.class, () -> new Reports("node-a", this.runs))
                .run((nodeA) -> this.runner
                        .withPropertyValues("holdfast.instance-id=node-b")
                        .withBean(Reports.class, () -> new Reports("node-b", this.runs))
                        .run((nodeB) -> await().atMost(Duration.ofSeconds(8)).until(() -> ticks().size() >= 3)));

        Map<Long, List<String>> byTick = ticks();
        assertThat(byTick)
                .allSatisfy((tick, nodes) ->
                        assertThat(nodes).as("runs at second " + tick).hasSize(1));
        assertThat(this.runs).extracting(Run::node).containsAnyOf("node-a", "node-b");
    }

    private Map<Long, List<String>> ticks() {
        return this.runs.stream()
                .collect(Collectors.groupingBy(
                        (run) -> run.atMillis() / 1000, Collectors.mapping(Run::node, Collectors.toList())));
    }

    record Run(String node, long atMillis) {}

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}

    /** A job every instance schedules at the start of each second; the lock lets one run per tick. */
    public static class Reports {

        private final String node;

        private final List<Run> runs;

        public Reports(String node, List<Run> runs) {
            this.node = node;
            this.runs = runs;
        }

        @Scheduled(cron = "* * * * * *")
        @Locked(name = "report", onConflict = OnConflict.SKIP, minHold = "800ms")
        public void report() {
            this.runs.add(new Run(this.node, System.currentTimeMillis()));
        }
    }
}
