package dev.holdfast.lock.benchmarks.redis;

import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where the benchmarks find Redis: {@code HOLDFAST_BENCH_REDIS_URL} (such as {@code redis://127.0.0.1:6379}), else
 * localhost:6379. Every client is made with its library's defaults, as an application would get them.
 */
public final class BenchmarkRedis {

    private static final URI URL =
            URI.create(System.getenv().getOrDefault("HOLDFAST_BENCH_REDIS_URL", "redis://127.0.0.1:6379"));

    private BenchmarkRedis() {}

    /** Open a Lettuce connection factory with Spring Data Redis's defaults (one shared native connection). */
    public static LettuceConnectionFactory factory() {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(URL.getHost(), port()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Open a Redisson client with its defaults for one server. */
    public static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + URL.getHost() + ":" + port());
        return Redisson.create(config);
    }

    private static int port() {
        return (URL.getPort() != -1) ? URL.getPort() : 6379;
    }
}
