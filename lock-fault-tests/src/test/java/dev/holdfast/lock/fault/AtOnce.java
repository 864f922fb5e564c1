package dev.holdfast.lock.fault;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs two calls on two threads released together by a {@link CyclicBarrier}, and collects what each did. */
final class AtOnce {

    /**
     * What one call did: its result, or what it threw.
     *
     * @param result the result, or {@code null} when it threw or returns nothing
     * @param thrown what it threw, or {@code null}
     */
    record Outcome(@Nullable Object result, @Nullable Throwable thrown) {}

    private AtOnce() {}

    /**
     * Run two calls at once.
     *
     * @param threads the pool with at least two threads
     * @param first the first call
     * @param second the second call
     * @return the two outcomes, in order
     */
    static List<Outcome> run(ExecutorService threads, Callable<?> first, Callable<?> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Outcome> one = threads.submit(() -> call(start, first));
        Future<Outcome> two = threads.submit(() -> call(start, second));
        return List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
    }

    private static Outcome call(CyclicBarrier start, Callable<?> call)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        start.await(30, TimeUnit.SECONDS);
        try {
            return new Outcome(call.call(), null);
        } catch (Exception ex) {
            return new Outcome(null, ex);
        }
    }
}
