package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.RedisLockStoreAutoConfiguration;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@code @Locked} permits and read/write modes on the real Redis: each of the two contexts has its own connections,
 * as two instances of one application would.
 */
class RedisLockedPermitsTests extends LockedPermitsAndModes {

    private static final RedisService redis = TestServices.redis();

    private final String prefix =
            "holdfast-permits-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withPropertyValues(
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port(),
                        "holdfast.redis.key-prefix=" + this.prefix)
                .withConfiguration(AutoConfigurations.of(
                        DataRedisAutoConfiguration.class,
                        RedisLockStoreAutoConfiguration.class,
                        LockStoreAutoConfiguration.class,
                        LockTemplateAutoConfiguration.class,
                        LockedAutoConfiguration.class));
    }

    @AfterEach
    void deleteKeys() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(redis.host(), redis.port());
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate redisTemplate = new StringRedisTemplate(factory);
            redisTemplate.delete(redisTemplate.keys(this.prefix + ":*"));
        } finally {
            factory.destroy();
        }
    }
}
