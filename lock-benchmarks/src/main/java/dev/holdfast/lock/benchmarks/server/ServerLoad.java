package dev.holdfast.lock.benchmarks.server;

import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The measurements of the {@code server} suite against one running server and its store. */
final class ServerLoad {

    static final Duration WARMUP = Duration.ofSeconds(3);

    static final Duration MEASURE = Duration.ofSeconds(10);

    static final Duration SAMPLING = Duration.ofSeconds(5);

    static final Duration BASIC_SAMPLING = Duration.ofSeconds(3);

    static final Duration HANDOFF_TIME = Duration.ofSeconds(8);

    static final int HANDOFF_ROUNDS = 500;

    static final int WAITERS = 1000;

    /**
     * The waiting requests' {@code waitMs}: below 30 s, Tomcat's default async request timeout, which the server does
     * not raise yet (a longer wait is answered 503 at 30 s).
     */
    static final Duration WAITERS_WAIT = Duration.ofSeconds(28);

    /** How long the runner waits for all requests to be listed as waiting, within {@link #WAITERS_WAIT}. */
    static final Duration WAITERS_DEADLINE = Duration.ofSeconds(20);

    private final ServerProcess server;

    private final String namespace;

    ServerLoad(ServerProcess server, String namespace) {
        this.server = server;
        this.namespace = namespace;
    }

    /**
     * Acquire+release cycles per second with concurrent clients, each its own HTTP client and lock, counted over
     * {@link #MEASURE} after {@link #WARMUP}; with the CPU the server and this process used per cycle.
     */
    Throughput cycles(int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long warm = System.nanoTime() + WARMUP.toNanos();
        long end = warm + MEASURE.toNanos();
        long[] cpuAtWarm = new long[2];
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String id = "cycle-" + clients + "-" + c;
                ServerClient client = new ServerClient(server.base());
                parts.add(pool.submit(() -> {
                    long counted = 0;
                    long now = System.nanoTime();
                    while (now < end) {
                        long token = client.acquire(namespace, id, "w");
                        client.release(namespace, id, "w", token);
                        now = System.nanoTime();
                        if (now >= warm && now < end) {
                            counted++;
                        }
                    }
                    return counted;
                }));
            }
            sleepUntil(warm);
            cpuAtWarm[0] = Cpu.nanos(ProcessHandle.of(server.pid()).orElseThrow());
            cpuAtWarm[1] = Cpu.nanos(ProcessHandle.current());
            sleepUntil(end);
            long serverCpu = Cpu.nanos(ProcessHandle.of(server.pid()).orElseThrow()) - cpuAtWarm[0];
            long clientCpu = Cpu.nanos(ProcessHandle.current()) - cpuAtWarm[1];
            long cycles = 0;
            for (Future<Long> part : parts) {
                cycles += part.get();
            }
            double seconds = MEASURE.toNanos() / 1e9;
            return new Throughput(
                    clients,
                    cycles / seconds,
                    serverCpu / 1e6 / Math.max(1, cycles),
                    clientCpu / 1e6 / Math.max(1, cycles),
                    Cpu.loadAverage());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The latency of an uncontended acquire through the server, one client; the release is not timed.
     *
     * @param basic HTTP Basic rather than the API key
     * @param time how long to sample
     */
    Percentiles serverAcquire(boolean basic, Duration time) throws Exception {
        ServerClient client = new ServerClient(
                server.base(),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                basic);
        Percentiles.Recorder taken = new Percentiles.Recorder();
        for (boolean warming : new boolean[] {true, false}) {
            long end = System.nanoTime() + (warming ? WARMUP : time).toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                long token = client.acquire(namespace, "uncontended", "w");
                long took = System.nanoTime() - start;
                client.release(namespace, "uncontended", "w", token);
                if (!warming) {
                    taken.add(took);
                }
            }
        }
        return taken.percentiles();
    }

    /**
     * The latency of an uncontended acquire with the store API directly ({@link LockTemplate#tryAcquire}), one
     * thread, in this process; the release is not timed.
     */
    static Percentiles storeAcquire(LockTemplate template, String namespace) {
        LockRequest request = LockRequest.of(namespace, "direct")
                .lease(Duration.ofSeconds(30))
                .build();
        Percentiles.Recorder taken = new Percentiles.Recorder();
        for (boolean warming : new boolean[] {true, false}) {
            long end = System.nanoTime() + (warming ? WARMUP : SAMPLING).toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                LockResult result = template.tryAcquire(request);
                long took = System.nanoTime() - start;
                if (!(result instanceof LockResult.Acquired acquired)) {
                    throw new IllegalStateException("Lock [" + request.key() + "] was refused: " + result);
                }
                acquired.lease().close();
                if (!warming) {
                    taken.add(took);
                }
            }
        }
        return taken.percentiles();
    }

    /**
     * Hand-off through the server: a holder and a waiter (two HTTP clients) on one lock; once the server reports the
     * waiter waiting, the holder releases; the latency runs from the release call's start to the waiter's response.
     */
    Percentiles handoff() throws Exception {
        ServerClient holder = new ServerClient(server.base());
        ServerClient waiter = new ServerClient(server.base());
        Percentiles.Recorder taken = new Percentiles.Recorder();
        long end = System.nanoTime() + HANDOFF_TIME.toNanos();
        for (int round = 0; round < HANDOFF_ROUNDS && System.nanoTime() < end; round++) {
            String id = "handoff";
            long held = holder.acquire(namespace, id, "holder");
            AtomicLong arrived = new AtomicLong();
            CompletableFuture<HttpResponse<String>> waiting = waiter.acquireAsync(namespace, id, "waiter", 10_000)
                    .whenComplete((response, failure) -> arrived.set(System.nanoTime()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (holder.waiters(namespace, id) < 1) {
                if (System.nanoTime() > deadline || waiting.isDone()) {
                    throw new IOException("The waiter of lock [" + namespace + "/" + id + "] never waited: "
                            + (waiting.isDone() ? waiting.get().body() : "not listed as waiting within 10 s"));
                }
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            holder.release(namespace, id, "holder", held);
            HttpResponse<String> granted = waiting.get(15, TimeUnit.SECONDS);
            long token = ServerClient.token(namespace, id, granted);
            if (round >= 10) {
                taken.add(arrived.get() - start);
            }
            waiter.release(namespace, id, "waiter", token);
        }
        return taken.percentiles();
    }

    /**
     * {@link #WAITERS} requests waiting at once, each for its own held lock: the server's heap after GC and its RSS
     * before and while they wait, per waiting request. Then the holders release and each waiter releases its grant.
     */
    Memory waiting() throws Exception {
        ServerClient holder = new ServerClient(server.base());
        String waitNamespace = namespace + "w";
        long[] tokens = new long[WAITERS];
        for (int i = 0; i < WAITERS; i++) {
            tokens[i] = holder.acquire(waitNamespace, "wait-" + i, "holder");
        }
        long heapBefore = server.heapAfterGc();
        long rssBefore = server.rss();
        ServerClient waiters = new ServerClient(
                server.base(),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                false);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            String id = "wait-" + i;
            done.add(waiters.acquireAsync(waitNamespace, id, "waiter", WAITERS_WAIT.toMillis())
                    .thenCompose((response) -> {
                        try {
                            return waiters.releaseAsync(
                                    waitNamespace, id, "waiter", ServerClient.token(waitNamespace, id, response));
                        } catch (IOException ex) {
                            return CompletableFuture.failedFuture(ex);
                        }
                    }));
        }
        long deadline = System.nanoTime() + WAITERS_DEADLINE.toNanos();
        int waited = 0;
        String note = "";
        while (waited < WAITERS && System.nanoTime() < deadline) {
            try {
                waited = Math.max(waited, holder.waitersIn(waitNamespace));
            } catch (IOException ex) {
                note = "the lock list failed meanwhile: " + ex;
            }
            Thread.sleep(100);
        }
        long answeredEarly = done.stream().filter(CompletableFuture::isDone).count();
        // Another client's uncontended acquire+release while the requests wait: does waiting starve the rest?
        double probeMs = Double.NaN;
        try {
            ServerClient other = new ServerClient(server.base());
            long start = System.nanoTime();
            other.release(waitNamespace, "probe", "probe", other.acquire(waitNamespace, "probe", "probe"));
            probeMs = (System.nanoTime() - start) / 1e6;
        } catch (IOException ex) {
            note = note + (note.isEmpty() ? "" : "; ") + "another client's acquire failed: " + ex;
        }
        long heapWaiting = server.heapAfterGc();
        long rssWaiting = server.rss();
        for (int i = 0; i < WAITERS; i++) {
            done.add(holder.releaseAsync(waitNamespace, "wait-" + i, "holder", tokens[i]));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException ex) {
            note = note + (note.isEmpty() ? "" : "; ") + "not every waiter was answered and released within 60 s: "
                    + ex;
        }
        int counted = Math.max(1, waited);
        return new Memory(
                waited,
                answeredEarly,
                (heapWaiting - heapBefore) / (double) counted,
                (rssWaiting - rssBefore) / (double) counted,
                heapWaiting,
                rssWaiting,
                probeMs,
                note);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Cycles per second of one row, with CPU milliseconds per cycle of the server and of this load generator. */
    record Throughput(int clients, double perSecond, double serverCpuMs, double clientCpuMs, double load) {}

    /**
     * The server's memory with waiting requests: how many the server listed as waiting at most, how many were
     * answered before the measurement, bytes per waiting request (heap after GC, RSS), totals, another client's
     * acquire+release meanwhile (ms), and what went wrong.
     */
    record Memory(
            int waiters,
            long answeredEarly,
            double heapPerWaiter,
            double rssPerWaiter,
            long heapWaiting,
            long rssWaiting,
            double probeMs,
            String note) {}
}
