package dev.holdfast.lock.spring.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/** One held thing the {@code locks} endpoint shows by its key: a lock, or a semaphore or read/write lock. */
public sealed interface HeldDescriptor extends OperationResponseBody permits LockDescriptor, SemaphoreDescriptor {

    /**
     * Return the key, {@code namespace:id}.
     *
     * @return the key
     */
    String key();
}
