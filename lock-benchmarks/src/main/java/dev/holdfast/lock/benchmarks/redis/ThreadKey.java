package dev.holdfast.lock.benchmarks.redis;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A lock name of its own for each benchmark thread, so threads never contend on a key. */
@State(Scope.Thread)
public class ThreadKey {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The lock name (id) of this thread. */
    final String name = "free-" + NEXT.incrementAndGet();
}
