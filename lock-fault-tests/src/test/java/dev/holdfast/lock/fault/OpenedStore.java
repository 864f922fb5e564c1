package dev.holdfast.lock.fault;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jdbc.JdbcLockStore;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.jdbc.internal.LockTablePlatform;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.redis.RedisLockStore;
import dev.holdfast.lock.spi.LockStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A store opened on connections of its own (a Lettuce client, a Hikari pool), closed with them.
 *
 * @param target where the store lives
 * @param store the store
 * @param resources what to close after the store, in order
 */
record OpenedStore(StoreTarget target, LockStore store, List<AutoCloseable> resources) implements AutoCloseable {

    /**
     * Open a store; for the databases, create the lock table when it is missing (the scripts are idempotent).
     *
     * @param target where the store lives
     * @param createTables whether to run the schema script first (the test JVM does; client JVMs do not)
     * @return the opened store
     */
    static OpenedStore open(StoreTarget target, boolean createTables) {
        List<AutoCloseable> resources = new ArrayList<>();
        LockStore store = switch (target.kind()) {
            case MEMORY -> new InMemoryLockStore();
            case REDIS -> {
                LettuceConnectionFactory factory = redis(target);
                resources.add(factory::destroy);
                yield new RedisLockStore(factory, target.prefix());
            }
            case H2, POSTGRES, MARIADB -> {
                HikariDataSource dataSource = pool(target);
                resources.add(dataSource);
                if (createTables) {
                    String platform =
                            LockTablePlatform.of(Database.of(dataSource)).id();
                    new ResourceDatabasePopulator(
                                    new ClassPathResource("dev/holdfast/lock/jpa/schema-" + platform + ".sql"))
                            .execute(dataSource);
                }
                yield new JdbcLockStore(dataSource);
            }
        };
        if (store instanceof AutoCloseable closeable) {
            resources.add(0, closeable);
        }
        return new OpenedStore(target, store, resources);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ex) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing the store " + target + " failed", ex);
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static LettuceConnectionFactory redis(StoreTarget target) {
        String[] hostAndPort = target.address().split(":");
        LettuceClientConfiguration client = target.timeout().isZero()
                ? LettuceClientConfiguration.defaultConfiguration()
                : LettuceClientConfiguration.builder()
                        .commandTimeout(target.timeout())
                        .clientOptions(ClientOptions.builder()
                                .socketOptions(SocketOptions.builder()
                                        .connectTimeout(target.timeout())
                                        .build())
                                .build())
                        .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(hostAndPort[0], Integer.parseInt(hostAndPort[1])), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static HikariDataSource pool(StoreTarget target) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(target.address());
        dataSource.setUsername(target.user());
        dataSource.setPassword(target.password());
        dataSource.setMaximumPoolSize(4);
        dataSource.setMinimumIdle(1);
        if (!target.timeout().isZero()) {
            dataSource.setConnectionTimeout(Math.max(250, target.timeout().toMillis()));
        }
        dataSource.setPoolName("fault-" + target.kind().name().toLowerCase());
        return dataSource;
    }
}
