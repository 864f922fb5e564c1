package dev.holdfast.sample.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class MaintenanceJobsStoryTests {

    @Autowired
    private MaintenanceJobs maintenance;

    @Autowired
    private ResourceJobs jobs;

    @Autowired
    private LockTemplate locks;

    @Test
    void shouldRunAnnotatedJobOnFreeResourceWithGrowingTokens() {
        Optional<Long> first = maintenance.maintain("drill", new JobWork(1, Duration.ZERO));
        Optional<Long> second = maintenance.maintain("drill", new JobWork(1, Duration.ZERO));

        assertThat(first).isPresent();
        assertThat(second).hasValueSatisfying((token) -> assertThat(token).isGreaterThan(first.get()));
        assertThat(locks.inspect(LockKey.of("resource", "drill"))).isEmpty();
    }

    @Test
    void shouldSkipAnnotatedJobWhileVipJobHoldsTheResource() {
        CompletableFuture<JobOutcome> vip =
                CompletableFuture.supplyAsync(() -> jobs.important("press", new JobWork(100, Duration.ofMillis(20))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> locks.inspect(LockKey.of("resource", "press")).isPresent());

        assertThat(maintenance.maintain("press", new JobWork(1, Duration.ZERO))).isEmpty();

        assertThat(vip.join()).isEqualTo(JobOutcome.DONE);
    }
}
