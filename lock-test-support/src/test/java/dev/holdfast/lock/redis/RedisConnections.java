package dev.holdfast.lock.redis;

import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Opens Lettuce connection factories for the Redis tests, each a client of its own. */
final class RedisConnections {

    private RedisConnections() {}

    /** Open a factory to the test Redis (see {@link TestServices}). */
    static LettuceConnectionFactory toTestRedis() {
        RedisService redis = TestServices.redis();
        return open(redis.host(), redis.port(), Duration.ofSeconds(5));
    }

    /**
     * Open a started factory.
     *
     * @param host the host
     * @param port the port
     * @param timeout the command and connect timeout
     * @return the factory; call {@code destroy()} when done
     */
    static LettuceConnectionFactory open(String host, int port, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientOptions(ClientOptions.builder()
                        .socketOptions(
                                SocketOptions.builder().connectTimeout(timeout).build())
                        .build())
                .build();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Return a key prefix no other test uses. */
    static String uniquePrefix(Class<?> test) {
        return "hf-" + test.getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Return a TCP port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
