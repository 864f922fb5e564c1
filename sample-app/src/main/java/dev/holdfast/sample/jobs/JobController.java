package dev.holdfast.sample.jobs;

import java.time.Duration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the jobs over HTTP: {@code POST /resources/printer/jobs/nice?steps=20&stepMillis=100}, or {@code vip}. Steps
 * below one or a negative step time are a 400 problem detail (see {@code BadInputProblems}).
 */
@RestController
@RequestMapping("/resources/{resource}/jobs")
class JobController {

    private final ResourceJobs jobs;

    JobController(ResourceJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/nice")
    JobView nice(
            @PathVariable String resource,
            @RequestParam(defaultValue = "10") int steps,
            @RequestParam(defaultValue = "100") long stepMillis) {
        return new JobView(resource, "nice", jobs.niceToHave(resource, work(steps, stepMillis)));
    }

    @PostMapping("/vip")
    JobView vip(
            @PathVariable String resource,
            @RequestParam(defaultValue = "10") int steps,
            @RequestParam(defaultValue = "100") long stepMillis) {
        return new JobView(resource, "vip", jobs.important(resource, work(steps, stepMillis)));
    }

    private static JobWork work(int steps, long stepMillis) {
        return new JobWork(steps, Duration.ofMillis(stepMillis));
    }

    record JobView(String resource, String job, JobOutcome outcome) {}
}
