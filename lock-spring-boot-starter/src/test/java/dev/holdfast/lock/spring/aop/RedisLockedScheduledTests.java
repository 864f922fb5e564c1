package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.RedisLockStoreAutoConfiguration;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Two application contexts, each with its own Redis connections, stand in for two instances of one application. */
class RedisLockedScheduledTests {

    private static final RedisService redis = TestServices.redis();

    private final List<LockedScheduledTests.Run> runs = new CopyOnWriteArrayList<>();

    private final String prefix =
            "holdfast-starter-" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.data.redis.host=" + redis.host(),
                    "spring.data.redis.port=" + redis.port(),
                    "holdfast.redis.key-prefix=" + this.prefix)
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    RedisLockStoreAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withUserConfiguration(LockedScheduledTests.Scheduling.class);

    @Test
    void shouldRunScheduledJobOncePerTickAcrossInstancesOnRedis() {
        this.runner
                .withPropertyValues("holdfast.instance-id=node-a")
                .withBean(
                        LockedScheduledTests.Reports.class, () -> new LockedScheduledTests.Reports("node-a", this.runs))
                .run((nodeA) -> this.runner
                        .withPropertyValues("holdfast.instance-id=node-b")
                        .withBean(
                                LockedScheduledTests.Reports.class,
                                () -> new LockedScheduledTests.Reports("node-b", this.runs))
                        .run((nodeB) -> {
                            assertThat(nodeA.getBean(LockStore.class)).isInstanceOf(RedisLockStore.class);
                            assertThat(nodeB.getBean(LockStore.class)).isNotSameAs(nodeA.getBean(LockStore.class));
                            await().atMost(Duration.ofSeconds(8)).until(() -> ticks().size() >= 3);
                            stopJobs(nodeA);
                            stopJobs(nodeB);
                        }));
        deleteKeys();

        assertThat(ticks())
                .allSatisfy((tick, nodes) ->
                        assertThat(nodes).as("runs at second " + tick).hasSize(1));
    }

    private static void stopJobs(ApplicationContext context) {
        context.getBean(ScheduledTaskHolder.class).getScheduledTasks().forEach(ScheduledTask::cancel);
    }

    private void deleteKeys() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(redis.host(), redis.port());
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate redisTemplate = new StringRedisTemplate(factory);
            redisTemplate.delete(redisTemplate.keys(this.prefix + ":*"));
        } finally {
            factory.destroy();
        }
    }

    private Map<Long, List<String>> ticks() {
        return this.runs.stream()
                .collect(Collectors.groupingBy(
                        (run) -> run.atMillis() / 1000,
                        Collectors.mapping(LockedScheduledTests.Run::node, Collectors.toList())));
    }
}
