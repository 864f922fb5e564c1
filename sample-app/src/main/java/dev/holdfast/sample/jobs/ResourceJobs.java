package dev.holdfast.sample.jobs;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import org.springframework.stereotype.Service;

/**
 * Two jobs sharing a resource, with priorities instead of handle values: the nice job (priority 0) runs only when the
 * resource is free; the vip job (priority 10) preempts a nice job and is refused only by another vip job. Each step of
 * work renews the lease, which is how a preempted nice job learns it has lost the resource.
 */
@Service
public class ResourceJobs {

    static final int NICE = 0;

    static final int VIP = 10;

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final LockTemplate locks;

    public ResourceJobs(LockTemplate locks) {
        this.locks = locks;
    }

    /**
     * Run the nice-to-have job on {@code resource}, if it is free.
     *
     * @param resource the resource
     * @param work the job's steps
     * @return how it ended
     */
    public JobOutcome niceToHave(String resource, JobWork work) {
        return run(resource, "nice", NICE, work);
    }

    /**
     * Run the important job on {@code resource}, taking it from a nice job.
     *
     * @param resource the resource
     * @param work the job's steps
     * @return how it ended
     */
    public JobOutcome important(String resource, JobWork work) {
        return run(resource, "vip", VIP, work);
    }

    private JobOutcome run(String resource, String owner, int priority, JobWork work) {
        LockRequest request = LockRequest.of("resource", resource)
                .name("resource-job")
                .owner(owner + "-" + Thread.currentThread().getId())
                .priority(priority)
                .lease(LEASE)
                .build();
        LockResult result = locks.tryAcquire(request);
        if (!(result instanceof LockResult.Acquired acquired)) {
            return JobOutcome.SKIPPED;
        }
        Lease lease = acquired.lease();
        try {
            for (int step = 0; step < work.steps(); step++) {
                if (!lease.renew()) {
                    return JobOutcome.PREEMPTED;
                }
                work.step(step);
            }
            return lease.release() ? JobOutcome.DONE : JobOutcome.PREEMPTED;
        } finally {
            if (lease.isHeld()) {
                lease.release();
            }
        }
    }
}
