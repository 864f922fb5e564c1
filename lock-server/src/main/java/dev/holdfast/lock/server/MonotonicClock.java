package dev.holdfast.lock.server;

/**
 * The server's monotonic clock, on which session TTLs are measured: {@link System#nanoTime()} unless the application
 * (or a test) declares a bean of this type. Never the wall clock, so that a clock step cannot end sessions.
 */
@FunctionalInterface
public interface MonotonicClock {

    /** The JVM's monotonic clock. */
    MonotonicClock SYSTEM = System::nanoTime;

    /**
     * Return the current value of the clock, in nanoseconds from an arbitrary origin.
     *
     * @return nanoseconds
     */
    long nanoTime();
}
