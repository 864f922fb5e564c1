package dev.holdfast.sample.jobs;

import java.time.Duration;

/**
 * A job's work, in steps, so a job can notice between steps that it lost its resource.
 *
 * @param steps how many steps
 * @param stepTime how long each step takes
 */
public record JobWork(int steps, Duration stepTime) {

    public JobWork {
        if (steps < 1) {
            throw new IllegalArgumentException("Job steps must be at least 1, was " + steps);
        }
        if (stepTime.isNegative()) {
            throw new IllegalArgumentException("Job step time must not be negative, was " + stepTime);
        }
    }

    void step(int step) {
        try {
            Thread.sleep(stepTime.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted in step " + step, ex);
        }
    }
}
