package dev.holdfast.sample.jobs;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.aop.Locked;
import dev.holdfast.lock.spring.aop.OnConflict;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The same resources, locked by annotation: a maintenance job runs only on a free resource (priority 0, skipped
 * otherwise), and an urgent repair (priority 10) preempts it. The lock is the jobs' {@code resource} lock, so these
 * and {@link ResourceJobs} exclude each other.
 */
@Service
public class MaintenanceJobs {

    /**
     * Service {@code resource} if it is free.
     *
     * @param resource the resource
     * @param work the job's steps
     * @return the fencing token of the run, or empty when the resource was busy
     */
    @Locked(name = "resource", key = "#resource", onConflict = OnConflict.SKIP)
    public Optional<Long> maintain(String resource, JobWork work) {
        for (int step = 0; step < work.steps(); step++) {
            work.step(step);
        }
        return Optional.of(LockTemplate.currentLease().orElseThrow().token());
    }
}
