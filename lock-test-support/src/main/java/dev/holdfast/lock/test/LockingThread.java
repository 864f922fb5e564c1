package dev.holdfast.lock.test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One thread that runs the tasks it is given, in order: a thread of its own for tests of thread-held locks (a
 * {@link java.util.concurrent.locks.Lock}), which lock in one task and unlock in a later one. Close it when done.
 */
public final class LockingThread implements AutoCloseable {

    private final ExecutorService executor;

    private volatile @Nullable Thread thread;

    /**
     * Create the thread (started with the first task).
     *
     * @param name the thread's name
     */
    public LockingThread(String name) {
        this.executor = Executors.newSingleThreadExecutor((task) -> {
            Thread created = new Thread(task, name);
            created.setDaemon(true);
            this.thread = created;
            return created;
        });
    }

    /**
     * Start a task on this thread.
     *
     * @param task the task
     * @param <T> its result type
     * @return its result, when done
     */
    public <T> CompletableFuture<T> start(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable ex) {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    /**
     * Run a task on this thread and return its result, or throw what it threw.
     *
     * @param task the task
     * @param patience how long to wait for it
     * @param <T> its result type
     * @return its result
     * @throws Exception what the task threw
     */
    public <T> T run(Callable<T> task, Duration patience) throws Exception {
        try {
            return start(task).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw ex;
        } catch (TimeoutException ex) {
            throw new AssertionError("Task on " + thread + " did not finish within " + patience, ex);
        }
    }

    /** Interrupt this thread. */
    public void interrupt() {
        Thread current = thread;
        if (current == null) {
            throw new IllegalStateException("The thread has not started");
        }
        current.interrupt();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
