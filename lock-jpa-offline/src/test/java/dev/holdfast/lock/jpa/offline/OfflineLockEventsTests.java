package dev.holdfast.lock.jpa.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.test.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offline locks tell lock listeners (the starter's meters and observations) what happens, as kind {@code offline}. */
class OfflineLockEventsTests {

    private static final LockKey PATIENT = LockKey.of("Patient", 42);

    private final RecordingListener listener = new RecordingListener();

    private HikariDataSource dataSource;

    private JdbcOfflineLocks locks;

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2();
        TestDatabases.createSchema(dataSource);
        locks = new JdbcOfflineLocks(dataSource, Duration.ofMinutes(15), (lock, cause) -> {}, null, List.of(listener));
    }

    @AfterEach
    void stop() {
        TestDatabases.drop(dataSource);
    }

    @Test
    void shouldTellAGrantAndARefusalAsOfflineAcquisitionsNamedAfterTheNamespace() {
        OfflineLockResult granted = locks.tryAcquire(PATIENT, "Dr Green", "editing");
        locks.tryAcquire(PATIENT, "Dr Brown", "editing");

        assertThat(listener.heard())
                .extracting(RecordingListener.Heard::type)
                .containsExactly("Acquiring", "Acquired", "Acquiring", "NotAcquired");
        assertThat(listener.heard()).allSatisfy((heard) -> {
            LockEvent event = heard.event();
            assertThat(event.kind()).isEqualTo(LockKind.OFFLINE);
            assertThat(event.store()).isEqualTo("jdbc");
            assertThat(event.name()).isEqualTo("Patient");
            assertThat(event.key()).isEqualTo(PATIENT);
        });
        LockEvent acquired = listener.of("Acquired").get(0);
        assertThat(acquired.owner()).isEqualTo("Dr Green");
        assertThat(acquired.token())
                .isEqualTo(((OfflineLockResult.Acquired) granted).locks().get(0).token());
        LockEvent refused = listener.of("NotAcquired").get(0);
        assertThat(refused.owner()).isEqualTo("Dr Brown");
        assertThat(refused.reason()).isEqualTo(LockResult.Reason.HELD);
        assertThat(refused.other()).isNotNull();
        assertThat(refused.other().owner()).isEqualTo("Dr Green");
    }

    @Test
    void shouldTellASweptStaleLockAsLostByItsOwner() {
        locks.tryAcquire(OfflineLockRequest.of("Dr Green", "editing", PATIENT).withIdleTimeout(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> locks.find(PATIENT).isEmpty());

        assertThat(locks.sweep()).isEqualTo(1);

        assertThat(listener.of("Lost")).singleElement().satisfies((lost) -> {
            assertThat(lost.kind()).isEqualTo(LockKind.OFFLINE);
            assertThat(lost.owner()).isEqualTo("Dr Green");
            assertThat(lost.elapsed()).isPositive();
            assertThat(lost.error())
                    .isInstanceOf(LockLostException.class)
                    .hasMessageContaining("[Patient:42]")
                    .hasMessageContaining("swept");
        });
    }

    @Test
    void shouldNotLetAFailingListenerFailTheLockCall() {
        JdbcOfflineLocks guarded = new JdbcOfflineLocks(
                dataSource, Duration.ofMinutes(15), (lock, cause) -> {}, null, List.of(new LockListener() {
                    @Override
                    public void onAcquired(LockEvent event) {
                        throw new IllegalStateException("listener down");
                    }
                }));
        assertThat(guarded.tryAcquire(PATIENT, "Dr Green", "editing").acquired())
                .isTrue();
    }
}
