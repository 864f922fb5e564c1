package dev.holdfast.lock.benchmarks.redis;

import java.util.function.Supplier;

/** The contenders of the suite; the benchmark method names are their names. */
enum Contender {
    HOLDFAST("holdfast", HoldfastContender::new),
    REDISSON("redisson", RedissonContender::new),
    SPRING_INTEGRATION_SPIN("springIntegrationSpin", () -> new IntegrationContender(false)),
    SPRING_INTEGRATION_PUB_SUB("springIntegrationPubSub", () -> new IntegrationContender(true)),
    SHEDLOCK("shedlock", ShedLockContender::new);

    private final String method;

    private final Supplier<RedisContender> factory;

    Contender(String method, Supplier<RedisContender> factory) {
        this.method = method;
        this.factory = factory;
    }

    /** Return the benchmark method's name, which is the contender's column in the report. */
    String method() {
        return method;
    }

    /** Open a new client of this library. */
    RedisContender open() {
        return factory.get();
    }
}
