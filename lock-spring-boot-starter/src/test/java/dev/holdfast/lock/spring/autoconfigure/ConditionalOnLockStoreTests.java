package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which configurations {@link ConditionalOnLockStore} lets in, for every value {@code holdfast.store} can have. */
class ConditionalOnLockStoreTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(
                    RedisStore.class, JdbcStore.class, MemoryStore.class, NamedRedisStore.class, NamedJdbcStore.class);

    @ParameterizedTest(name = "holdfast.store={0}")
    @CsvSource(delimiter = '|', nullValues = "unset", textBlock = """
            unset   | redis, jdbc, memory
            ''      | redis, jdbc, memory
            auto    | redis, jdbc, memory
            AUTO    | redis, jdbc, memory
            redis   | redis, namedRedis
            jdbc    | jdbc, namedJdbc
            Jdbc    | jdbc, namedJdbc
            jpa     | jdbc, namedJdbc
            memory  | memory
            mongo   | ''
            """)
    void shouldMatchTheNamedStoreAndEveryDetectedOneOnAuto(String value, String matching) {
        ApplicationContextRunner runner =
                (value != null) ? this.runner.withPropertyValues("holdfast.store=" + value) : this.runner;
        runner.run((context) -> assertThat(context.getBeanNamesForType(String.class))
                .containsExactlyInAnyOrder(matching.isEmpty() ? new String[0] : matching.split(",\\s*")));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnLockStore(LockStoreType.REDIS)
    static class RedisStore {

        @Bean
        String redis() {
            return "redis";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnLockStore(LockStoreType.JDBC)
    static class JdbcStore {

        @Bean
        String jdbc() {
            return "jdbc";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnLockStore(LockStoreType.MEMORY)
    static class MemoryStore {

        @Bean
        String memory() {
            return "memory";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnLockStore(value = LockStoreType.REDIS, matchIfAuto = false)
    static class NamedRedisStore {

        @Bean
        String namedRedis() {
            return "namedRedis";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnLockStore(value = LockStoreType.JDBC, matchIfAuto = false)
    static class NamedJdbcStore {

        @Bean
        String namedJdbc() {
            return "namedJdbc";
        }
    }
}
