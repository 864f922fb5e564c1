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
 * {@link LockStoreException}, never as a grant) until {@link #GIVE_UP}; the client's own timeouts pace the retries
 * (Lettuce queues commands while it reconnects, Hikari waits for a connection). Once granted it enters the fenced register,
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

    CrashWaiter(InProcessClient client, FencedRegister register, LockKey key, String owner) {
        this.client = client;
        this.register = register;
        this.key = key;
        this.owner = owner;
    }

    @Override
    public Long call() {
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
            }
        }
    }

    /** Return whether this waiter saw the lock taken and now waits for it on the store's watch. */
    boolean waiting() {
        return refused.getCount() == 0 && client.store().waiters(key) > 0;
    }

    /** Return the store failures this waiter rode out. */
    List<LockStoreException> failures() {
        return List.copyOf(failures);
    }
}
