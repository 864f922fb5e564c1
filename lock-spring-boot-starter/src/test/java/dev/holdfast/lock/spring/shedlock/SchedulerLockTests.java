package dev.holdfast.lock.spring.shedlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.shedlock.ShedLockAutoConfiguration;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A {@code @SchedulerLock} job through ShedLock's own Spring integration, locking in Holdfast by auto-configuration
 * alone: two application contexts (two instances sharing a store) schedule it every second, one runs it per tick, the
 * job reads its fencing token from {@link LockTemplate#currentLease()} (growing from run to run), and the template's
 * listeners, and so the metrics, hear every lock under the job's name.
 */
class SchedulerLockTests {

    private final LockStore sharedStore = new InMemoryLockStore();

    private final List<Run> runs = new CopyOnWriteArrayList<>();

    private final List<String> acquired = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    ShedLockAutoConfiguration.class))
            .withUserConfiguration(Scheduling.class)
            .withBean(LockStore.class, () -> this.sharedStore)
            .withBean(LockListener.class, () -> new LockListener() {
                @Override
                public void onAcquired(LockEvent event) {
                    acquired.add(event.name());
                }
            });

    @Test
    void shouldRunTheScheduledJobOncePerTickAcrossInstancesWithAGrowingToken() {
        this.runner
                .withPropertyValues("holdfast.instance-id=node-a")
                .withBean(Reports.class, () -> new Reports("node-a", this.runs))
                .run((nodeA) -> this.runner
                        .withPropertyValues("holdfast.instance-id=node-b")
                        .withBean(Reports.class, () -> new Reports("node-b", this.runs))
                        .run((nodeB) -> await().atMost(Duration.ofSeconds(15)).until(() -> this.runs.size() >= 3)));

        Map<Long, List<String>> byTick = this.runs.stream()
                .collect(Collectors.groupingBy(
                        (run) -> run.atMillis() / 1000, Collectors.mapping(Run::node, Collectors.toList())));
        assertThat(byTick)
                .allSatisfy((tick, nodes) ->
                        assertThat(nodes).as("runs at second " + tick).hasSize(1));
        List<Run> inOrder = this.runs.stream()
                .sorted(Comparator.comparingLong(Run::atMillis))
                .toList();
        assertThat(inOrder)
                .extracting(Run::token)
                .isSorted()
                .doesNotHaveDuplicates()
                .allMatch((token) -> token > 0);
        assertThat(this.acquired).contains("report").containsOnly("report");
    }

    record Run(String node, long atMillis, long token) {}

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableSchedulerLock(defaultLockAtMostFor = "PT30S")
    static class Scheduling {}

    /** A job every instance schedules at the start of each second; ShedLock lets one run per tick. */
    public static class Reports {

        private final String node;

        private final List<Run> runs;

        public Reports(String node, List<Run> runs) {
            this.node = node;
            this.runs = runs;
        }

        @Scheduled(cron = "* * * * * *")
        @SchedulerLock(name = "report", lockAtLeastFor = "PT0.8S")
        public void report() {
            long token = LockTemplate.currentLease().orElseThrow().token();
            this.runs.add(new Run(this.node, System.currentTimeMillis(), token));
        }
    }
}
