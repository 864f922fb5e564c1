package dev.holdfast.lock.benchmarks.server;

import java.time.Duration;

/** CPU time of a process (this load generator or the server), read before and after a measurement. */
final class Cpu {

    private Cpu() {}

    /**
     * Return the CPU time the process has used so far.
     *
     * @param process the process
     * @return nanoseconds, or {@code -1} when the platform does not say
     */
    static long nanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Return the 1-minute load average of the machine ({@code /proc/loadavg}), or NaN where there is none. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
