package dev.holdfast.sample.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ResourceJobsStoryTests {

    private static final JobWork LONG_WORK = new JobWork(200, Duration.ofMillis(20));

    private static final JobWork SHORT_WORK = new JobWork(2, Duration.ofMillis(1));

    @Autowired
    private ResourceJobs jobs;

    @Autowired
    private LockTemplate locks;

    @Test
    void shouldRunNiceJobOnFreeResource() {
        assertThat(jobs.niceToHave("scanner", SHORT_WORK)).isEqualTo(JobOutcome.DONE);
        assertThat(locks.inspect(LockKey.of("resource", "scanner"))).isEmpty();
    }

    @Test
    void shouldLetVipJobPreemptNiceJob() {
        CompletableFuture<JobOutcome> nice = CompletableFuture.supplyAsync(() -> jobs.niceToHave("printer", LONG_WORK));
        awaitHeldBy("printer", "nice-");

        assertThat(jobs.important("printer", SHORT_WORK)).isEqualTo(JobOutcome.DONE);

        assertThat(nice.join()).isEqualTo(JobOutcome.PREEMPTED);
        assertThat(locks.inspect(LockKey.of("resource", "printer"))).isEmpty();
    }

    @Test
    void shouldSkipNiceJobWhileVipJobRuns() {
        CompletableFuture<JobOutcome> vip = CompletableFuture.supplyAsync(() -> jobs.important("plotter", LONG_WORK));
        awaitHeldBy("plotter", "vip-");

        assertThat(jobs.niceToHave("plotter", SHORT_WORK)).isEqualTo(JobOutcome.SKIPPED);
        assertThat(jobs.important("plotter", SHORT_WORK)).isEqualTo(JobOutcome.SKIPPED);

        assertThat(vip.join()).isEqualTo(JobOutcome.DONE);
    }

    private void awaitHeldBy(String resource, String ownerPrefix) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> locks.inspect(LockKey.of("resource", resource))
                        .filter((state) -> state.owner().startsWith(ownerPrefix))
                        .isPresent());
    }
}
