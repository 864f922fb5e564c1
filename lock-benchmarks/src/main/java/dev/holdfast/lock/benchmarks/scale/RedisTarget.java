package dev.holdfast.lock.benchmarks.scale;

import dev.holdfast.lock.redis.RedisLockStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis: {@code HOLDFAST_BENCH_REDIS_URL} (run.sh starts a private server for this suite, so that its counters hold
 * this suite's work only), else localhost:6379. The probe reads {@code INFO commandstats} (script calls),
 * {@code INFO cpu}, {@code INFO memory}, {@code CLIENT LIST} and {@code PUBSUB NUMSUB} on a connection of its own.
 */
final class RedisTarget implements Target {

    static final String PREFIX = "holdfast-scale";

    private final URI url =
            URI.create(System.getenv().getOrDefault("HOLDFAST_BENCH_REDIS_URL", "redis://127.0.0.1:6379"));

    private final RedisClient client = RedisClient.create(RedisURI.create(url.toString()));

    private final StatefulRedisConnection<String, String> connection = client.connect();

    private final RedisCommands<String, String> redis = connection.sync();

    @Override
    public String label() {
        return "Redis";
    }

    @Override
    public Opened open(String name, Duration freeRowRetention) {
        LettuceClientConfiguration configuration =
                LettuceClientConfiguration.builder().clientName(name).build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(url.getHost(), (url.getPort() != -1) ? url.getPort() : 6379),
                configuration);
        factory.afterPropertiesSet();
        factory.start();
        return new Opened(new RedisLockStore(factory, PREFIX), factory::destroy);
    }

    /** The server this suite measures, as {@code INFO server} names it. */
    @Override
    public String server() {
        return "Redis " + info("server").get("redis_version") + " on port "
                + info("server").get("tcp_port");
    }

    @Override
    public long cpuMicros() {
        Map<String, String> cpu = info("cpu");
        double seconds = Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
        return Math.round(seconds * 1_000_000);
    }

    @Override
    public long roundTrips() {
        long calls = 0;
        for (Map.Entry<String, String> stat : info("commandstats").entrySet()) {
            if (stat.getKey().equals("cmdstat_evalsha") || stat.getKey().equals("cmdstat_eval")) {
                String value = stat.getValue();
                int from = value.indexOf("calls=") + "calls=".length();
                calls += Long.parseLong(value.substring(from, value.indexOf(',', from)));
            }
        }
        return calls;
    }

    @Override
    public int connections(String name) {
        int count = 0;
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                count++;
            }
        }
        return count;
    }

    @Override
    public int subscriptions(String name) {
        int count = 0;
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ") && !line.contains(" sub=0 ")) {
                count++;
            }
        }
        return count;
    }

    /** Return the subscribers of the release channel, over every client of the server. */
    long channelSubscribers() {
        return redis.pubsubNumsub(PREFIX + ":released").getOrDefault(PREFIX + ":released", 0L);
    }

    @Override
    public long stateCount() {
        long count = 0;
        ScanArgs match = ScanArgs.Builder.matches(PREFIX + ":*").limit(5000);
        KeyScanCursor<String> cursor = redis.scan(match);
        count += cursor.getKeys().size();
        while (!cursor.isFinished()) {
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            count += cursor.getKeys().size();
        }
        return count;
    }

    @Override
    public long stateBytes() {
        return Long.parseLong(info("memory").get("used_memory"));
    }

    /** Return the keys of the whole database ({@code DBSIZE}). */
    long databaseSize() {
        return redis.dbsize();
    }

    @Override
    public void clear() {
        ScanArgs match = ScanArgs.Builder.matches(PREFIX + ":*").limit(5000);
        KeyScanCursor<String> cursor = redis.scan(match);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                redis.unlink(cursor.getKeys().toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
        }
    }

    private Map<String, String> info(String section) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : redis.info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
