package dev.holdfast.lock.benchmarks.mailbox;

import dev.holdfast.lock.benchmarks.redis.BenchmarkRedis;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RLock;
import org.redisson.api.RQueue;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The hand-made mailbox on Redis: a Redisson {@link RLock} (watchdog lease, as by default) around a Redis list per
 * entity. A caller RPUSHes its call, takes the lock (waiting through Redisson's pub/sub while another caller holds it),
 * LPOPs and runs everything queued, writes each other caller's result to a per-call key (10 min TTL, as Holdfast's
 * results), unlocks, then reads and deletes its own result unless it ran its call itself. FIFO per entity, exclusion
 * across instances, each caller its own result; but a call popped by a process that dies is lost (at most once) and
 * nothing is retried or dead-lettered.
 */
final class RedissonList implements MailboxContender {

    private static final Duration RESULT_TTL = Duration.ofMinutes(10);

    private final RedissonClient redisson = BenchmarkRedis.redisson();

    private final EntityLog log = new EntityLog();

    @Override
    public String call(String entity, String payload) {
        String callId = UUID.randomUUID().toString();
        RQueue<String> queue = redisson.getQueue("mbx-hand:{" + entity + "}:queue", StringCodec.INSTANCE);
        queue.add(callId + '|' + payload);
        RLock lock = redisson.getLock("mbx-hand:{" + entity + "}:lock");
        @Nullable String mine = null;
        lock.lock();
        try {
            String item;
            while ((item = queue.poll()) != null) {
                int bar = item.indexOf('|');
                String id = item.substring(0, bar);
                String result = log.apply(entity, item.substring(bar + 1));
                if (id.equals(callId)) {
                    mine = result;
                } else {
                    redisson.<String>getBucket(resultKey(entity, id), StringCodec.INSTANCE)
                            .set(result, RESULT_TTL);
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine != null) {
            return mine;
        }
        String result = redisson.<String>getBucket(resultKey(entity, callId), StringCodec.INSTANCE)
                .getAndDelete();
        if (result == null) {
            throw new IllegalStateException("Hand-made mailbox [" + entity + "] lost call [" + callId + "]");
        }
        return result;
    }

    private static String resultKey(String entity, String callId) {
        return "mbx-hand:{" + entity + "}:result:" + callId;
    }

    @Override
    public void close() {
        redisson.shutdown();
    }
}
