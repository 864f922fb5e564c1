package dev.holdfast.lock.benchmarks.semaphore;

import java.util.function.Supplier;

/** The semaphore contenders; the benchmark method names are their names. */
enum Contender {
    HOLDFAST("holdfast", HoldfastSemaphore::new),
    REDISSON_PERMIT_EXPIRABLE("redissonPermitExpirable", RedissonPermitExpirable::new),
    REDISSON_SEMAPHORE("redissonSemaphore", RedissonSemaphore::new);

    private final String method;

    private final Supplier<SemaphoreContender> factory;

    Contender(String method, Supplier<SemaphoreContender> factory) {
        this.method = method;
        this.factory = factory;
    }

    /** Return the benchmark method's name, which is the contender's column in the report. */
    String method() {
        return method;
    }

    /** Open a new client of this library. */
    SemaphoreContender open() {
        return factory.get();
    }
}
