package dev.holdfast.lock.fault;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A client that waits for a held lock across a store crash, the way an application retries: it checks once that the
 * lock is taken, then waits for it, asking again after each store failure (which the store must report as
 * {@link LockStoreException}, never as a grant) until {@link #GIVE_UP}. Once granted it enters the fenced register,
 * leaves and releases, and answers its token.
 */
final class CrashWaiter implements Callable<Long> {

    static final Duration GIVE_UP = Duration.ofSeconds(90);

    private final InProcessClient client;

    private final FencedRegister register;

    private final LockKey key;

    private final String owner;

    private final CountDownLatch refused = new CountDownLatch(1);

    private final List<LockStoreException> failures = new CopyOnWriteArrayList<>();

    private volatile Thread thread;

    CrashWaiter(InProcessClient client, FencedRegister register, LockKey key, String owner) {
        this.client = client;
        this.register = register;
        this.key = key;
        this.owner = owner;
    }

    @Override
    public Long call() throws InterruptedException {
        thread = Thread.currentThread();
        LockRequest.Builder request =
                LockRequest.of(key).owner(owner).lease(Duration.ofSeconds(20)).autoRenew(true);
        if (client.template().tryAcquire(request.build()).acquired()) {
            throw new IllegalStateException(owner + " was granted " + key + " while it should be held");
        }
        refused.countDown();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            try (Lease lease =
                    client.template().acquire(request.waitTime(GIVE_UP).build())) {
                register.enter(key.toString(), owner, lease.token());
                register.leave(key.toString(), owner, lease.token());
                return lease.token();
            } catch (LockStoreException ex) {
                failures.add(ex);
                if (System.nanoTime() - giveUp > 0) {
                    throw ex;
                }
                Thread.sleep(100); // an application's back-off before asking a failing store again
            }
        }
    }

    /** Return whether this waiter saw the lock taken and is now blocked waiting for it. */
    boolean waiting() {
        Thread current = thread;
        return refused.getCount() == 0
                && current != null
                && (current.getState() == Thread.State.TIMED_WAITING || current.getState() == Thread.State.WAITING);
    }

    /** Return the store failures this waiter rode out. */
    List<LockStoreException> failures() {
        return List.copyOf(failures);
    }
}
