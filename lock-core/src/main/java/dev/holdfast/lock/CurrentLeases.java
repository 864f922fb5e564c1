package dev.holdfast.lock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The leases code runs under on each thread, innermost first: what {@link LockTemplate#currentLease()} reads. */
final class CurrentLeases {

    private static final ThreadLocal<Deque<Lease>> leases = ThreadLocal.withInitial(ArrayDeque::new);

    private CurrentLeases() {}

    static Optional<Lease> current() {
        return Optional.ofNullable(leases.get().peek());
    }

    /** Make a lease the calling thread's current lease until {@link #remove(Lease)}. */
    static void push(Lease lease) {
        leases.get().push(lease);
    }

    /** Stop a lease being one of the calling thread's current leases; answer whether it was. */
    static boolean remove(Lease lease) {
        Deque<Lease> stack = leases.get();
        boolean removed = stack.remove(lease);
        if (stack.isEmpty()) {
            leases.remove();
        }
        return removed;
    }

    /** Run code with a lease as the calling thread's current lease, which it stays until the code returns. */
    static <T, E extends Throwable> T runUnder(Lease lease, LockCallback<T, E> callback) throws E {
        Deque<Lease> stack = leases.get();
        stack.push(lease);
        try {
            return callback.doWithLock(lease);
        } finally {
            stack.remove(lease);
        }
    }
}
