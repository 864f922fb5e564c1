package dev.holdfast.lock.spring.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code @Mailbox} methods over the real Redis, under a key prefix of their own. */
@SpringBootTest(
        classes = MailboxApplication.class,
        properties = {
            "holdfast.store=redis",
            "holdfast.mailbox.types.ledger.max-attempts=2",
            "holdfast.mailbox.types.ledger.backoff=0s",
            "holdfast.mailbox.types.ledger.max-frame-size=4096",
            "holdfast.mailbox.call-timeout=60s"
        })
class RedisMailboxCallsTests extends MailboxCallsContract {

    private static final String PREFIX =
            "holdfast-mbspring-" + UUID.randomUUID().toString().substring(0, 8);

    private static StringRedisTemplate redis;

    @Autowired
    LockStore store;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisService redis = TestServices.redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("holdfast.redis.key-prefix", () -> PREFIX);
    }

    @Autowired
    void redisTemplate(StringRedisTemplate template) {
        redis = template;
    }

    @AfterAll
    static void deleteKeys() {
        if (redis != null) {
            redis.delete(redis.keys(PREFIX + "*"));
        }
    }

    @Test
    void shouldRunOnRedis() {
        assertThat(this.store).isInstanceOf(RedisLockStore.class);
        assertThat(((RedisLockStore) this.store).prefix()).isEqualTo(PREFIX);
    }
}
