package dev.holdfast.lock.benchmarks.semaphore;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A semaphore of its own for each benchmark thread, so threads never contend. */
@State(Scope.Thread)
public class ThreadKey {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The semaphore name (id) of this thread. */
    final String name = "free-" + NEXT.incrementAndGet();
}
