package dev.holdfast.lock.server;

import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store scenarios on Redis (found by the test-support finder: environment, localhost:6379, or a container). */
class RedisStoreServerTests extends StoreScenarios {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisService redis = TestServices.redis();
        registry.add("holdfast.store", () -> "redis");
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
    }
}
