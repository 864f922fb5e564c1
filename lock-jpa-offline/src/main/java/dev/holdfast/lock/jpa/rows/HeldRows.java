package dev.holdfast.lock.jpa.rows;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows locked by the current row-locking transaction, bound to it as a transaction resource: each thread's
 * transaction sees only its own record, and the record goes when the transaction ends.
 */
final class HeldRows {

    private static final Object RESOURCE_KEY = new Object() {
        @Override
        public String toString() {
            return "Holdfast held rows";
        }
    };

    private final TransactionStatus status;

    private final Set<RowKey> keys = new LinkedHashSet<>();

    private HeldRows(TransactionStatus status) {
        this.status = status;
    }

    static @Nullable HeldRows current() {
        return (HeldRows) TransactionSynchronizationManager.getResource(RESOURCE_KEY);
    }

    static HeldRows bind(TransactionStatus status) {
        HeldRows held = new HeldRows(status);
        TransactionSynchronizationManager.bindResource(RESOURCE_KEY, held);
        return held;
    }

    static void unbind() {
        TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE_KEY);
    }

    TransactionStatus status() {
        return this.status;
    }

    void add(RowKey key) {
        this.keys.add(key);
    }

    boolean contains(RowKey key) {
        return this.keys.contains(key);
    }

    List<RowKey> missing(Collection<RowKey> wanted) {
        return wanted.stream().filter((key) -> !this.keys.contains(key)).toList();
    }

    /** The rows in the order they were locked. */
    List<RowKey> keys() {
        return List.copyOf(this.keys);
    }
}
