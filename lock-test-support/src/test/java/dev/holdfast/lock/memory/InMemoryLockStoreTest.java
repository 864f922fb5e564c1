package dev.holdfast.lock.memory;

import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.LockStoreContractTest;

class InMemoryLockStoreTest extends LockStoreContractTest {

    @Override
    protected LockStore createStore() {
        return new InMemoryLockStore();
    }
}
