package dev.holdfast.lock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.FrameResult;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxFrame;
import dev.holdfast.lock.spi.MailboxProbe;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spi.MailboxWatch;
import dev.holdfast.lock.test.LockStoreContract;
import dev.holdfast.lock.test.MailboxWaitingContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Mailbox waiters on stores that re-check only once a minute and locks held for a minute: a caller answered within
 * seconds after the mailbox lock's release or its result was written was woken by the release channel, not by polling
 * or a lease running out. The mailbox waiting contract runs on these stores too.
 */
class RedisLockStoreMailboxWaitingTests extends LockStoreContract implements MailboxWaitingContract {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final Duration WOKEN = Duration.ofSeconds(10);

    private final String prefix = RedisConnections.uniquePrefix(getClass());

    @Override
    protected LockStore createStore() {
        return newClient();
    }

    @Override
    public LockStore createIndependentClient() {
        return newClient();
    }

    @Test
    void shouldWakeAWaitingCallerOfAnotherClientWhenTheMailboxLockIsReleased() throws Exception {
        RedisLockStore caller = newClient();
        Mailboxes mailboxes = track(Mailboxes.builder(LockTemplate.of(caller), caller)
                .register(type(), settings().lease(MINUTE).build(), (payload) -> "done:" + payload)
                .callTimeout(Duration.ofMinutes(2))
                .build());
        Lease held = template()
                .acquire(LockRequest.of(MailboxStore.lockKey(mailbox("released")))
                        .owner("holder")
                        .lease(MINUTE)
                        .autoRenew(false)
                        .build());
        CompletableFuture<String> answer = mailboxes.callAsync(type(), "released", "x");
        await("the caller's watch")
                .atMost(WOKEN)
                .until(() -> caller.subscription().waiters().size() == 1);

        held.release();

        assertThat(answer.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done:x");
    }

    @Test
    void shouldWakeAWatchOfAnotherClientWhenItsResultIsWrittenWhileTheLockStaysHeld() throws Exception {
        RedisLockStore runner = newClient();
        RedisLockStore caller = newClient();
        LockKey mailbox = mailbox("written");
        MailboxFrame frame = new MailboxFrame("call-" + prefix, mailbox, "x", List.of(), 0, Instant.now());
        assertThat(runner.enqueue(frame, 10)).isTrue();
        try (Lease held = LockTemplate.of(runner)
                        .acquire(LockRequest.of(MailboxStore.lockKey(mailbox))
                                .owner("runner")
                                .lease(MINUTE)
                                .autoRenew(false)
                                .build());
                MailboxWatch watch = caller.watch(mailbox, frame.callId())) {
            assertThat(watch.next(Duration.ZERO)).isInstanceOf(MailboxProbe.LockHeld.class);
            CompletableFuture<MailboxProbe> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return watch.next(MINUTE);
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            });

            assertThat(runner.complete(mailbox, frame.callId(), held.token(), new FrameResult.Returned("r"), MINUTE))
                    .isTrue();

            assertThat(next.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(MailboxProbe.ResultReady.class);
            assertThat(caller.result(frame.callId())).contains(new FrameResult.Returned("r"));
        }
    }

    private RedisLockStore newClient() {
        LettuceConnectionFactory factory = RedisConnections.toTestRedis();
        RedisLockStore store = new RedisLockStore(factory, prefix, ReplicaAcks.NONE, RECHECK);
        track(() -> {
            store.close();
            factory.destroy();
        });
        return store;
    }
}
