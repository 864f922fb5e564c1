package dev.holdfast.sample.jobs;

/** How a job run ended. */
public enum JobOutcome {

    /** The job did all its work. */
    DONE,

    /** The job did not start: the resource was not free for it. */
    SKIPPED,

    /** The job started, and a more important job took the resource before it finished. */
    PREEMPTED
}
