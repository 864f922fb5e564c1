package dev.holdfast.lock.memory;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.BasicContract;
import dev.holdfast.lock.test.ConcurrencyContract;
import dev.holdfast.lock.test.ConcurrentLockContract;
import dev.holdfast.lock.test.ConcurrentLockWaitingContract;
import dev.holdfast.lock.test.HandleContract;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxContract;
import dev.holdfast.lock.test.MailboxDeliveryContract;
import dev.holdfast.lock.test.MailboxOperationsContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import dev.holdfast.lock.test.OnlyIfExistsContract;
import dev.holdfast.lock.test.PriorityContract;
import dev.holdfast.lock.test.ReactiveContract;
import dev.holdfast.lock.test.ReadWriteLockContract;
import dev.holdfast.lock.test.SemaphoreContract;
import dev.holdfast.lock.test.WaitingContract;

/**
 * The whole store contract, the java.util.concurrent Lock adapter on it and the mailbox contract, kept by the in-memory
 * store.
 */
class InMemoryLockStoreTests extends LockStoreContract
        implements BasicContract,
                PriorityContract,
                HandleContract,
                WaitingContract,
                OnlyIfExistsContract,
                ConcurrencyContract,
                SemaphoreContract,
                ReadWriteLockContract,
                ConcurrentLockContract,
                ConcurrentLockWaitingContract,
                MailboxContract,
                MailboxDeliveryContract,
                MailboxOperationsContract,
                MailboxWaitingContract,
                ReactiveContract {

    @Override
    protected LockStore createStore() {
        return new InMemoryLockStore();
    }
}
