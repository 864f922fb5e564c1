package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockStoreException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.AcquireCommand;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.ReleaseOutcome;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** What the Redis store does when Redis is unreachable, stops, restarts or loses its data or its scripts. */
class RedisLockStoreFaultTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final String prefix = RedisConnections.uniquePrefix(RedisLockStoreFaultTests.class);

    private final LockKey key = new LockKey("fault", "room:{101}");

    private RedisServerProcess server;

    private LettuceConnectionFactory factory;

    private RedisLockStore store;

    private LockTemplate template;

    @AfterEach
    void tearDown() {
        if (template != null) {
            template.close();
        }
        if (store != null) {
            store.close();
        }
        if (factory != null) {
            factory.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldFailWithinTimeoutAndNeverGrantWhenRedisIsUnreachable() {
        connect(RedisConnections.freePort(), TIMEOUT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> template.tryAcquire(
                        request().waitTime(Duration.ofSeconds(5)).build()))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("[" + key + "]")
                .hasMessageContaining("Redis failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
        assertThatThrownBy(() ->
                        store.acquire(new AcquireCommand(key, "bob", 0, Duration.ofSeconds(5), AcquireMode.CLAIM)))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("[" + key + "] could not be acquired");
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldFailWithinCommandTimeoutWhenRedisStopsWhileConnected() {
        server = new RedisServerProcess();
        connect(server.port(), TIMEOUT);
        template.acquire(request().build()).close();
        server.stop();
        long start = System.nanoTime();
        assertThatThrownBy(() -> template.tryAcquire(request().build()))
                .isInstanceOf(LockStoreException.class)
                .hasMessageContaining("[" + key + "]");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(template.heldCount()).isZero();
    }

    @Test
    void shouldReportLossAndGrantAgainAfterRestart() {
        server = new RedisServerProcess();
        connect(server.port(), Duration.ofSeconds(5));
        Lease held = template.acquire(request().build());
        server.restart();
        assertThat(held.renew()).isFalse();
        assertThat(held.release()).isFalse();
        try (Lease again = template.acquire(request().owner("bob").build())) {
            assertThat(again.token()).isGreaterThan(held.token());
        }
    }

    @Test
    void shouldReportLossAndGrantAgainAfterFlush() {
        server = new RedisServerProcess();
        connect(server.port(), Duration.ofSeconds(5));
        Lease held = template.acquire(request().build());
        try (RedisConnection connection = factory.getConnection()) {
            connection.serverCommands().flushAll();
        }
        assertThat(store.release(key, "alice", held.token())).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(held.renew()).isFalse();
        try (Lease again = template.acquire(request().owner("bob").build())) {
            assertThat(again.token()).isGreaterThan(held.token());
        }
    }

    @Test
    void shouldReloadScriptsAfterScriptFlush() {
        server = new RedisServerProcess();
        connect(server.port(), Duration.ofSeconds(5));
        Lease held = template.acquire(request().build());
        try (RedisConnection connection = factory.getConnection()) {
            connection.scriptingCommands().scriptFlush();
            assertThat(connection.scriptingCommands().scriptExists(LuaScript.RENEW.sha()))
                    .containsExactly(false);
            assertThat(held.renew()).isTrue();
            assertThat(connection.scriptingCommands().scriptExists(LuaScript.RENEW.sha()))
                    .containsExactly(true);
            connection.scriptingCommands().scriptFlush();
        }
        assertThat(store.inspect(key))
                .get()
                .satisfies((state) -> assertThat(state.owner()).isEqualTo("alice"));
        assertThat(held.release()).isTrue();
        try (Lease again = template.acquire(request().owner("bob").build())) {
            assertThat(again.token()).isGreaterThan(held.token());
        }
    }

    private LockRequest.Builder request() {
        return LockRequest.of(key).owner("alice").lease(Duration.ofSeconds(30)).autoRenew(false);
    }

    private void connect(int port, Duration timeout) {
        factory = RedisConnections.open("127.0.0.1", port, timeout);
        store = new RedisLockStore(factory, prefix);
        template = LockTemplate.builder(store).instanceId("fault").build();
    }
}
