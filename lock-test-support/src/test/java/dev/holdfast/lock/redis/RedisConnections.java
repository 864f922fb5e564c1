package dev.holdfast.lock.redis;

import dev.holdfast.lock.test.services.RedisService;
import dev.holdfast.lock.test.services.TestServices;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
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
        return start(new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), client));
    }

    /**
     * Open a started factory to a Redis Cluster: Lettuce's cluster client, which learns the topology from any node.
     *
     * @param ports the ports of some of its nodes on 127.0.0.1
     * @param timeout the command and connect timeout
     * @return the factory; call {@code destroy()} when done
     */
    static LettuceConnectionFactory toCluster(List<Integer> ports, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientOptions(ClusterClientOptions.builder()
                        .socketOptions(
                                SocketOptions.builder().connectTimeout(timeout).build())
                        .build())
                .build();
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(
                ports.stream().map((port) -> "127.0.0.1:" + port).toList());
        return start(new LettuceConnectionFactory(cluster, client));
    }

    /**
     * Open a started factory to the primary that Sentinel names.
     *
     * @param sentinel the master's name and the Sentinels
     * @param resources the client resources (a short reconnect delay); they outlive the factory
     * @param timeout the command and connect timeout
     * @return the factory; call {@code destroy()} when done
     */
    static LettuceConnectionFactory toSentinel(
            RedisSentinelConfiguration sentinel, ClientResources resources, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientResources(resources)
                .clientOptions(ClientOptions.builder()
                        .socketOptions(
                                SocketOptions.builder().connectTimeout(timeout).build())
                        .build())
                .build();
        return start(new LettuceConnectionFactory(sentinel, client));
    }

    private static LettuceConnectionFactory start(LettuceConnectionFactory factory) {
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Return a key prefix no other test uses. */
    static String uniquePrefix(Class<?> test) {
        return "hf-" + test.getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Return a TCP port that was free a moment ago, and whose cluster bus port (10000 above it) was free too.
     *
     * @return the port
     */
    static int freeClusterPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + 10_000 <= 65_535 && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port whose cluster bus port (+10000) was free too, in 100 tries");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException ex) {
            return false;
        }
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
